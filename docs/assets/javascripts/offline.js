// The offline copy, from the page's side. On the home and Tools pages it runs the "Save for
// offline use" panel (macros/offline.py): nothing is written to the device until the reader
// presses Save, which registers the site's service worker (offline/service-worker.js, served
// as sw.js); Remove unregisters it and deletes its caches. On any page the worker serves, it
// says when the page is the saved copy, and when a newer version is waiting, with Reload.
// Only the site's own files are ever saved. All text comes from the page
// (#mawwsb-offline-strings): this file has no language.
(() => {
  "use strict";

  const PREFIX = "mawwsb-offline-";
  const RECORD = "__mawwsb-offline-record__";
  const root = new URL("../../", document.currentScript.src);
  const stringsBlock = document.getElementById("mawwsb-offline-strings");
  if (!stringsBlock) return;
  const strings = JSON.parse(stringsBlock.textContent);
  const supported =
    "serviceWorker" in navigator && "caches" in window && window.isSecureContext === true;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole,
    );
  }

  function when(iso) {
    const date = new Date(iso);
    return `${date.getDate()} ${strings.months[date.getMonth()]} ${date.getFullYear()}`;
  }

  async function ourRegistration() {
    if (!supported) return undefined;
    const registration = await navigator.serviceWorker.getRegistration(root.href);
    return registration && registration.scope === root.href ? registration : undefined;
  }

  // The saved copy's record (when, which version, with the tools or not), if one is saved.
  async function savedRecord() {
    if (!(await ourRegistration())) return undefined;
    const response = await caches.match(new URL(RECORD, root).href);
    return response ? response.json() : undefined;
  }

  function notice(text, className) {
    const article = document.querySelector("article") || document.body;
    const box = document.createElement("div");
    box.className = `mawwsb-offline-notice ${className}`;
    box.setAttribute("role", "status");
    const line = document.createElement("p");
    line.textContent = text;
    box.append(line);
    article.prepend(box);
    return box;
  }

  async function showSavedCopy() {
    if (!document.documentElement.hasAttribute("data-mawwsb-saved-copy")) return;
    const record = await savedRecord();
    const values = { edition: strings.edition, date: record ? when(record.saved) : "" };
    notice(fill(strings.reading_saved, values), "mawwsb-offline-notice--saved");
  }

  // A new version installs beside the saved copy and waits: the reader chooses when.
  function offerNewer(registration) {
    if (document.querySelector(".mawwsb-offline-notice--newer")) return;
    const box = notice(strings.newer, "mawwsb-offline-notice--newer");
    const reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary";
    reload.textContent = strings.reload;
    reload.addEventListener("click", () => {
      reload.disabled = true;
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
        once: true,
      });
      if (registration.waiting) registration.waiting.postMessage({ type: "offline-skip-waiting" });
      else location.reload();
    });
    box.append(reload);
  }

  async function watchForNewer() {
    const registration = await ourRegistration();
    if (!registration || !navigator.serviceWorker.controller) return;
    if (registration.waiting) offerNewer(registration);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && !saving) offerNewer(registration);
      });
    });
  }

  // ---- The panel ----
  let saving = false;
  const panel = document.querySelector("[data-offline]");

  async function deleteCaches(keep) {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== keep) await caches.delete(name);
    }
  }

  // The worker's message saying why it failed may arrive just after it is marked redundant.
  const REASON_WAIT_MS = 1000;

  // Resolves once the worker the press installed is active; rejects with the reason it failed.
  function outcome(registration) {
    return new Promise((resolve, reject) => {
      let reason;
      let failed;
      const fail = () => done(Object.assign(new Error(reason), { reason: reason || "network" }));
      const failure = ({ data }) => {
        if (data && data.type === "offline-failed") {
          reason = data.reason;
          if (failed) fail();
        }
        if (data && data.type === "offline-progress") progress(data.done, data.total);
      };
      navigator.serviceWorker.addEventListener("message", failure);
      let finished = false;
      const done = (result) => {
        if (finished) return;
        finished = true;
        navigator.serviceWorker.removeEventListener("message", failure);
        result instanceof Error ? reject(result) : resolve();
      };
      const worker = registration.installing || registration.waiting;
      if (!worker) {
        done(); // the same version is saved already
        return;
      }
      const follow = () => {
        if (worker.state === "installed") worker.postMessage({ type: "offline-skip-waiting" });
        else if (worker.state === "activated") done();
        else if (worker.state === "redundant" && !failed) {
          failed = true;
          if (reason) fail();
          else setTimeout(fail, REASON_WAIT_MS);
        }
      };
      worker.addEventListener("statechange", follow);
      follow();
    });
  }

  const status = panel && panel.querySelector("[data-offline-status]");
  const say = (text) => {
    status.textContent = text;
  };
  const progress = (done, total) => say(fill(strings.saving, { done, total }));

  async function showSaved() {
    const record = await savedRecord();
    const remove = panel.querySelector("[data-offline-remove]");
    remove.hidden = !record;
    if (!record) return false;
    panel.querySelector("[data-offline-tools]").checked = record.tools;
    const line = fill(strings.saved, { edition: strings.edition, date: when(record.saved) });
    say(record.tools ? `${line} ${strings.saved_tools}` : line);
    return true;
  }

  async function save() {
    if (saving) return; // a second press while saving does nothing
    saving = true;
    const button = panel.querySelector("[data-offline-save]");
    button.disabled = true;
    const tools = panel.querySelector("[data-offline-tools]").checked;
    const before = await ourRegistration();
    const hadCopy = Boolean(before && before.active);
    let registration;
    try {
      say(fill(strings.saving, { done: 0, total: "…" }));
      registration = await navigator.serviceWorker.register(
        new URL(`sw.js${tools ? "?tools=1" : ""}`, root).href,
        { scope: root.href, updateViaCache: "none" },
      );
      await outcome(registration);
      await showSaved();
    } catch (error) {
      // Nothing half-saved: without an earlier copy, no worker and no cache is left.
      if (!hadCopy) {
        const left = registration || (await ourRegistration());
        if (left) await left.unregister();
        await deleteCaches();
      }
      say(error && error.reason === "quota" ? strings.failed_quota : strings.failed_network);
    } finally {
      saving = false;
      button.disabled = false;
    }
  }

  async function remove() {
    const registration = await ourRegistration();
    if (registration) await registration.unregister();
    await deleteCaches();
    panel.querySelector("[data-offline-remove]").hidden = true;
    panel.querySelector("[data-offline-tools]").checked = false;
    say(strings.removed);
  }

  if (panel) {
    if (!supported) {
      say(strings.unsupported);
    } else {
      panel.querySelector("[data-offline-controls]").hidden = false;
      panel.querySelector("[data-offline-save]").addEventListener("click", save);
      panel.querySelector("[data-offline-remove]").addEventListener("click", remove);
      showSaved();
    }
  }
  if (supported) {
    showSavedCopy();
    watchForNewer();
  }
})();
