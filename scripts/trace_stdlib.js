// Which files of Python's standard library the tools need in the browser, found by running them.
//   node scripts/trace_stdlib.js WHEEL COMPILED_SPEC...
// Boots the pinned Pyodide with its stock standard library, does what tools-worker.js does
// (unpack the wheel, load each compiled spec), then runs every worked example of every tool in
// every language through mawwsb_tools.browser.handle, and one malformed request so that the
// error path (a Python exception turned into a JavaScript error) is traced too. Prints, as JSON,
// the stdlib zip's members that the imported modules came from. build_tools.py zips just those.
// tests/tools/run_in_pyodide.js runs the same examples (runExamples) on the zip the build made.
"use strict";
const fs = require("fs");
const { loadPyodide } = require("pyodide");

const TRACE = `
import json, sys
from mawwsb_tools.browser import handle, load
from mawwsb_tools.spec import load_compiled
from mawwsb_tools.spec import LANGUAGES

def run_examples(compiled_json):
    load(compiled_json)
    spec = load_compiled(compiled_json)
    for example in spec.examples:
        for language in LANGUAGES:
            request = {
                "tool": spec.tool.id,
                "language": language,
                "answers": example.answers,
                "notes": {question.id: "a note" for question in spec.questions},
                "plan": list(example.plan),
                "base": "https://example.org/",
            }
            handle(json.dumps(request))

def stdlib_files(zip_prefix):
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(zip_prefix):
            files.add(path[len(zip_prefix):])
    return sorted(files)
`;

// Every worked example of every spec through the browser door, then one malformed request,
// whose Python error must reach JavaScript intact (formatting it imports modules too).
function runExamples(pyodide, specs) {
  pyodide.runPython(TRACE);
  const run = pyodide.globals.get("run_examples");
  for (const spec of specs) run(fs.readFileSync(spec, "utf8"));
  const door = pyodide.pyimport("mawwsb_tools.browser");
  let failed = false;
  try {
    door.handle("{not json");
  } catch (error) {
    failed = String(error).includes("JSONDecodeError");
  }
  if (!failed) throw new Error("a malformed request did not raise JSONDecodeError");
}

async function main() {
  const [wheel, ...specs] = process.argv.slice(2);
  const pyodide = await loadPyodide();
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel");
  runExamples(pyodide, specs);
  const [major, minor] = pyodide.runPython("import sys; sys.version_info[:2]").toJs();
  const files = pyodide.globals.get("stdlib_files")(`/lib/python${major}${minor}.zip/`).toJs();
  process.stdout.write(JSON.stringify(files));
}

module.exports = { runExamples };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
