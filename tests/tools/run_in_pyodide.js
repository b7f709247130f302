// Runs Python test modules inside real Pyodide under Node, as the site's browser runs it: with
// the standard library the build traced (the site's own python_stdlib.zip), and the tools
// wheel installed the way the browser installs it (unpackArchive of the built wheel).
//   node tests/tools/run_in_pyodide.js STDLIB_ZIP WHEEL SPECS_DIR CASES_DIR TEST_FILE...
// The case corpus (CASES_DIR/*.toml) is copied to /cases, beside /tests, as on disk.
// First, on that standard library alone, every worked example of every compiled spec goes
// through the browser door (scripts/trace_stdlib.js): a module the trace missed fails here.
// Then the test modules run; they also read the TOML specs and check them, which the browser
// never does, so Pyodide's stock standard library is added behind the traced one for them.
// Prints one line per test and a closing "N passed, M failed" line; exits 1 on any failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { loadPyodide } = require("pyodide");
const { runExamples } = require("../../scripts/trace_stdlib.js");

async function main() {
  const [stdlib, wheel, specsDir, casesDir, ...testFiles] = process.argv.slice(2);
  const pyodide = await loadPyodide({ stdLibURL: path.resolve(stdlib) });
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel");
  const specs = fs
    .readdirSync(specsDir)
    .filter((name) => name.endsWith(".json")) // not the .br and .gz copies beside them
    .map((name) => path.join(specsDir, name));
  runExamples(pyodide, specs);
  console.log(`browser door: ${specs.length} compiled specs on the traced standard library`);
  const stock = require.resolve("pyodide/python_stdlib.zip");
  pyodide.FS.writeFile("/lib/stock_stdlib.zip", new Uint8Array(fs.readFileSync(stock)));
  pyodide.runPython("import sys; sys.path.append('/lib/stock_stdlib.zip')");
  pyodide.FS.mkdirTree("/tests");
  pyodide.FS.mkdirTree("/cases");
  for (const name of fs.readdirSync(casesDir).filter((file) => file.endsWith(".toml"))) {
    pyodide.FS.writeFile(`/cases/${name}`, fs.readFileSync(path.join(casesDir, name), "utf8"));
  }
  for (const file of testFiles) {
    pyodide.FS.writeFile(`/tests/${path.basename(file)}`, fs.readFileSync(file, "utf8"));
  }
  const modules = testFiles.map((file) => path.basename(file, ".py"));
  const summary = pyodide.runPython(`
import importlib, sys, traceback
sys.path.insert(0, "/tests")
print(f"Python {sys.version.split()[0]} in Pyodide")
passed = failed = 0
for name in ${JSON.stringify(modules)}:
    module = importlib.import_module(name)
    for test in [getattr(module, n) for n in dir(module) if n.startswith("test_")]:
        try:
            test()
        except Exception:
            failed += 1
            print(f"FAILED {name}.{test.__name__}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"passed {name}.{test.__name__}")
f"{passed} passed, {failed} failed"
`);
  console.log(summary);
  process.exit(summary.endsWith(" 0 failed") ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
