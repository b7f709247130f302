// Python for the tools, off the main thread (a module worker: Pyodide refuses classic ones).
// The page first sends {type: "start", tool, stallMs}; the worker loads the site's own copy of
// Pyodide, the tools wheel and that tool's compiled spec (all found through
// assets/tools/manifest.json, written by build_tools.py), then answers {id, request} messages
// with the result from mawwsb_tools.browser.handle. Nothing is fetched from anywhere but this
// site, and nothing is stored.
//
// There is no deadline: on weak signal the engine (about 3.6 MB) may take minutes, and that is
// fine. While it loads, the worker reports {type: "progress", loaded, total} in bytes; it gives
// up only when a download has received nothing for stallMs ({type: "failed", reason:
// "stalled"}), when WebAssembly is blocked (at once: "blocked"), or on an error ("error").
const assets = new URL("../", self.location.href);
// The smallest WebAssembly module: compiling it fails at once where a policy forbids
// WebAssembly, where loading Pyodide would hang instead.
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
const REPORT_EVERY_MS = 250;

class Failure extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

// Every byte fetched is counted, as it arrives, by wrapping fetch: Pyodide fetches its
// WebAssembly, standard library and lock file itself.
const downloads = { loaded: 0, total: 0, inFlight: 0, lastByte: 0, reported: 0 };
const plainFetch = self.fetch.bind(self);

function report(force) {
  const now = Date.now();
  if (!force && now - downloads.reported < REPORT_EVERY_MS) return;
  downloads.reported = now;
  postMessage({ type: "progress", loaded: downloads.loaded, total: downloads.total });
}

async function countedFetch(input, init) {
  downloads.inFlight += 1;
  downloads.lastByte = Date.now();
  let response;
  try {
    response = await plainFetch(input, init);
  } catch (error) {
    downloads.inFlight -= 1;
    throw error;
  }
  if (!response.ok) {
    downloads.inFlight -= 1;
    throw new Failure("error", `${response.url}: HTTP ${response.status}`);
  }
  const reader = response.body.getReader();
  const counted = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        downloads.inFlight -= 1;
        controller.close();
        return;
      }
      downloads.loaded += value.byteLength;
      downloads.lastByte = Date.now();
      report(false);
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // The same headers: WebAssembly's streaming compile needs the type application/wasm.
  return new Response(counted, { status: response.status, headers: response.headers });
}
self.fetch = countedFetch;

function watchForStalls(stallMs, fail) {
  const timer = setInterval(() => {
    if (downloads.inFlight > 0 && Date.now() - downloads.lastByte > stallMs) {
      clearInterval(timer);
      fail(new Failure("stalled", `no bytes for ${stallMs} ms`));
    }
  }, Math.min(1000, stallMs / 2));
  return () => clearInterval(timer);
}

async function start(tool) {
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch (error) {
    throw new Failure("blocked", String(error));
  }
  const manifest = await (await plainFetch(new URL("tools/manifest.json", assets))).json();
  if (!manifest.specs[tool]) throw new Failure("error", `no compiled spec for ${tool}`);
  const engine = new URL(manifest.engine, assets);
  const here = (path) => new URL(path, assets).href;
  const needed = [
    `${manifest.engine}pyodide.mjs`,
    `${manifest.engine}pyodide.asm.mjs`,
    `${manifest.engine}pyodide.asm.wasm`,
    `${manifest.engine}${manifest.stdlib}`,
    `${manifest.engine}${manifest.lock}`,
    `tools/${manifest.wheel}`,
    `tools/${manifest.specs[tool]}`,
  ];
  downloads.total = needed.reduce((sum, path) => sum + (manifest.bytes[path] || 0), 0);
  report(true);
  // Pyodide imports its two scripts rather than fetching them, which cannot be counted or
  // watched: fetch them first (counted), so that the imports come from the browser's cache.
  await Promise.all(
    [needed[0], needed[1]].map(async (path) => (await countedFetch(here(path))).arrayBuffer()),
  );
  const { loadPyodide } = await import(here(needed[0]));
  const spec = countedFetch(here(needed[6])).then((response) => response.text());
  const wheel = countedFetch(here(needed[5])).then((response) => response.arrayBuffer());
  const indexURL = engine.href;
  // Both URLs point at the site's copy, so no package request can fall back to a CDN; the
  // standard library is the build's traced one.
  const pyodide = await loadPyodide({
    indexURL,
    packageBaseUrl: indexURL,
    stdLibURL: here(needed[3]),
    lockFileURL: here(needed[4]),
  });
  if (pyodide.version !== manifest.pyodide) {
    throw new Failure("error", `Pyodide ${pyodide.version} loaded, ${manifest.pyodide} expected`);
  }
  // Not loadPackage: it never rejects. A fetch that fails throws, and the page says so.
  pyodide.unpackArchive(new Uint8Array(await wheel), "wheel");
  const door = pyodide.pyimport("mawwsb_tools.browser");
  door.load(await spec);
  report(true);
  return door.handle;
}

let ready = null;

addEventListener("message", async (event) => {
  if (event.data.type === "start") {
    ready = new Promise((resolve, reject) => {
      const stopWatching = watchForStalls(event.data.stallMs, reject);
      start(event.data.tool).then(resolve, reject).finally(stopWatching);
    });
    ready.then(
      () => postMessage({ type: "ready" }),
      (error) =>
        postMessage({ type: "failed", reason: error.reason || "error", error: String(error) }),
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
