// Python for the tools, off the main thread (a module worker: Pyodide refuses classic ones): loads the site's own copy of Pyodide and the tools
// wheel (both found through assets/tools/manifest.json, written by build_tools.py), then answers
// {id, request} messages with the summary from mawwsb_tools.browser.handle. Nothing is fetched
// from anywhere but this site, and nothing is stored.
const assets = new URL("../", self.location.href);

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

const ready = (async () => {
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  const manifest = await (await fetchOk(new URL("tools/manifest.json", assets))).json();
  const indexURL = new URL("pyodide/", assets).href;
  // Both URLs point at the site's copy, so no package request can fall back to a CDN.
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  if (pyodide.version !== manifest.pyodide) {
    throw new Error(`Pyodide ${pyodide.version} loaded, ${manifest.pyodide} expected`);
  }
  // Not loadPackage: it never rejects. A fetch that fails throws, and the page says so.
  const wheel = await fetchOk(new URL(`tools/${manifest.wheel}`, assets));
  pyodide.unpackArchive(new Uint8Array(await wheel.arrayBuffer()), "wheel");
  return pyodide.pyimport("mawwsb_tools.browser").handle;
})();

ready.then(
  () => postMessage({ type: "ready" }),
  (error) => postMessage({ type: "failed", error: String(error) }),
);

addEventListener("message", async (event) => {
  const { id, request } = event.data;
  try {
    const handle = await ready;
    postMessage({ type: "result", id, result: JSON.parse(handle(JSON.stringify(request))) });
  } catch (error) {
    postMessage({ type: "error", id, error: String(error) });
  }
});
