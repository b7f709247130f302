// Python for the tools, off the main thread (a module worker: Pyodide refuses classic ones).
// The page first sends {tool}; the worker loads the site's own copy of Pyodide, the tools wheel
// and that tool's compiled spec (all found through assets/tools/manifest.json, written by
// build_tools.py), then answers {id, request} messages with the result from
// mawwsb_tools.browser.handle. Nothing is fetched from anywhere but this site, and nothing is
// stored.
const assets = new URL("../", self.location.href);
// The smallest WebAssembly module: compiling it fails at once where a policy forbids
// WebAssembly, where loading Pyodide would hang instead.
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function start(tool) {
  new WebAssembly.Module(EMPTY_MODULE);
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  const manifest = await (await fetchOk(new URL("tools/manifest.json", assets))).json();
  if (!manifest.specs[tool]) throw new Error(`no compiled spec for ${tool}`);
  const spec = fetchOk(new URL(`tools/${manifest.specs[tool]}`, assets)).then((r) => r.text());
  const indexURL = new URL("pyodide/", assets).href;
  // Both URLs point at the site's copy, so no package request can fall back to a CDN.
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  if (pyodide.version !== manifest.pyodide) {
    throw new Error(`Pyodide ${pyodide.version} loaded, ${manifest.pyodide} expected`);
  }
  // Not loadPackage: it never rejects. A fetch that fails throws, and the page says so.
  const wheel = await fetchOk(new URL(`tools/${manifest.wheel}`, assets));
  pyodide.unpackArchive(new Uint8Array(await wheel.arrayBuffer()), "wheel");
  const door = pyodide.pyimport("mawwsb_tools.browser");
  door.load(await spec);
  return door.handle;
}

let ready = null;

addEventListener("message", async (event) => {
  if (event.data.type === "start") {
    ready = start(event.data.tool);
    ready.then(
      () => postMessage({ type: "ready" }),
      (error) => postMessage({ type: "failed", error: String(error) }),
    );
    return;
  }
  const { id, request } = event.data;
  try {
    const handle = await ready;
    postMessage({ type: "result", id, result: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    postMessage({ type: "error", id, error: String(error) });
  }
});
