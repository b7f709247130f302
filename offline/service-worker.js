// The offline copy's service worker (hooks/offline.py writes it to the site root as sw.js,
// with the build's manifest in place of OFFLINE). It exists on a device only after the reader
// pressed "Save this site for offline use" (docs/assets/javascripts/offline.js registers it);
// it saves the site's own files, never anything typed, and "Remove the offline copy" deletes
// it and them.
//
// Pages and files come from the network first, with a short timeout, then from the saved copy
// (files named by their content come from the saved copy at once); a page from the saved copy
// says so. A new version of the site installs beside the old one
// (a new cache) and waits until the reader chooses to reload. Saving is all or nothing: if a
// file cannot be saved (offline, storage refused), the new cache is deleted and the install fails.
"use strict";

const OFFLINE = self.__MAWWSB_OFFLINE__;
const PREFIX = "mawwsb-offline-";
// The saved copy's own record: when it was saved, which version, with or without the tools.
const RECORD = "__mawwsb-offline-record__";
const NETWORK_TIMEOUT_MS = 3000;
// Files named by their content (the engine, the tools' wheel and specs, the theme's bundles)
// never change under their name: the saved copy is always right, and on weak signal it spares
// a slow download that would otherwise start within the timeout and then crawl.
const NAMED_BY_CONTENT =
  /\/assets\/pyodide\/|\/assets\/tools\/.+\.(whl|json)$|\.[0-9a-f]{8}\.min\.(js|css)$/;
const BATCH = 8;

const scope = new URL(self.registration.scope);
const withTools = new URL(self.location.href).searchParams.get("tools") === "1";
const cacheName = `${PREFIX}${OFFLINE.version}${withTools ? "-tools" : ""}`;

// A page's address as the reader visits it ("sections/definition/", not its index.html).
function address(url) {
  return new URL(url.replace(/(^|\/)index\.html$/, "$1"), scope).href;
}

function entries() {
  return [...OFFLINE.groups.site.entries, ...(withTools ? OFFLINE.groups.tools.entries : [])];
}

async function tell(message) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
}

async function save() {
  const cache = await caches.open(cacheName);
  const files = entries();
  let done = 0;
  try {
    for (let start = 0; start < files.length; start += BATCH) {
      const batch = files.slice(start, start + BATCH);
      await Promise.all(
        batch.map(async ({ url }) => {
          const response = await fetch(new Request(new URL(url, scope), { cache: "no-cache" }));
          if (!response.ok) throw new Error(`${response.status} ${url}`);
          await cache.put(address(url), response);
        }),
      );
      done += batch.length;
      await tell({ type: "offline-progress", done, total: files.length });
    }
    const record = { version: OFFLINE.version, saved: new Date().toISOString(), tools: withTools };
    await cache.put(new URL(RECORD, scope).href, Response.json(record));
  } catch (error) {
    await caches.delete(cacheName);
    const reason = error && error.name === "QuotaExceededError" ? "quota" : "network";
    await tell({ type: "offline-failed", reason });
    throw error;
  }
}

self.addEventListener("install", (event) => event.waitUntil(save()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== cacheName) await caches.delete(name);
      }
      await self.clients.claim();
      await tell({ type: "offline-saved", version: OFFLINE.version });
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "offline-skip-waiting") self.skipWaiting();
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

// Each page says where it came from, and loads the script and styles that show it
// (offline.js, offline.css), with its language's words, which this worker carries from the build.
async function marked(response, fromSavedCopy) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("text/html")) return response;
  let html = await response.text();
  const language = /<html[^>]*\blang="cy"/.test(html) ? "cy" : "en";
  const additions = [];
  if (!html.includes('id="mawwsb-offline-strings"')) additions.push(OFFLINE.strings[language]);
  if (!html.includes("assets/javascripts/offline.js")) {
    additions.push(
      `<link rel="stylesheet" href="${scope.pathname}assets/stylesheets/offline.css">`,
      `<script src="${scope.pathname}assets/javascripts/offline.js" defer></script>`,
    );
  }
  html = html.replace("</head>", `${additions.join("")}</head>`);
  if (fromSavedCopy) html = html.replace("<html", '<html data-mawwsb-saved-copy=""');
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request) {
  // caches.match, never caches.open: after "Remove the offline copy" this worker may still
  // serve the page that removed it, and opening would make an empty cache again.
  const fromCopy = (address) => caches.match(address, { cacheName });
  const url = new URL(request.url);
  url.search = "";
  const saved = await fromCopy(url.href);
  const navigation = request.mode === "navigate";
  if (!saved && !navigation) return fetch(request);
  const path = url.pathname;
  if (saved && NAMED_BY_CONTENT.test(path) && !path.endsWith("/manifest.json")) return saved;
  try {
    const response = await Promise.race([fetch(request), timeout(NETWORK_TIMEOUT_MS)]);
    if (response.status >= 500 && saved) throw new Error(`${response.status}`);
    return navigation ? marked(response, false) : response;
  } catch (error) {
    if (saved) return navigation ? marked(saved, true) : saved;
    if (!navigation) throw error;
    // A page that was never saved, with no network: the saved "not found" page, in its language.
    const welsh = url.pathname.startsWith(`${scope.pathname}cy/`);
    const missing = await fromCopy(new URL(welsh ? "cy/404.html" : "404.html", scope).href);
    if (!missing) throw error;
    return marked(new Response(missing.body, { status: 404, headers: missing.headers }), true);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith(respond(request));
});
