// Runs Python test modules inside real Pyodide under Node, with the tools wheel installed the
// way the browser installs it (unpackArchive of the built wheel).
//   node tests/tools/run_in_pyodide.js WHEEL TEST_FILE...
// Prints one line per test and a closing "N passed, M failed" line; exits 1 on any failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { loadPyodide } = require("pyodide");

async function main() {
  const [wheel, ...testFiles] = process.argv.slice(2);
  const pyodide = await loadPyodide();
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel");
  pyodide.FS.mkdirTree("/tests");
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
