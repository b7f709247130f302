// Enhances each tool form that the build rendered (macros/templates/tool.html): Python in a Web
// Worker (tools-worker.js) turns the answers into a summary, with copy, download and print.
// The form never waits for the engine; if the engine cannot start, the page says so and the form
// can still be filled in and printed. Nothing entered is stored or sent: answers live in the
// page, and only travel to the other language's page in this tab's window.name, which is read
// and emptied at once. All text comes from the page or from Python: this file has no language.
(() => {
  "use strict";

  const ENGINE_TIMEOUT_MS = 30000;
  const CARRY = "mawwsb-tool-answers:";
  const workerUrl = new URL("tools-worker.js", document.currentScript.src);

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function startEngine() {
    let worker;
    const waiting = new Map();
    let nextId = 0;
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out")), ENGINE_TIMEOUT_MS);
      const fail = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      try {
        worker = new Worker(workerUrl, { type: "module" });
      } catch (error) {
        fail(error);
        return;
      }
      worker.addEventListener("error", (event) => fail(new Error(event.message)));
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") {
          clearTimeout(timer);
          resolve();
        } else if (data.type === "failed") {
          fail(new Error(data.error));
        } else if (waiting.has(data.id)) {
          const { resolve: done, reject: failed } = waiting.get(data.id);
          waiting.delete(data.id);
          data.type === "result" ? done(data.result) : failed(new Error(data.error));
        }
      });
    });
    ready.catch(() => worker && worker.terminate());
    return {
      ready,
      summarise: (request) =>
        ready.then(
          () =>
            new Promise((resolve, reject) => {
              nextId += 1;
              waiting.set(nextId, { resolve, reject });
              worker.postMessage({ id: nextId, request });
            }),
        ),
    };
  }

  function enhance(tool) {
    const strings = JSON.parse(tool.dataset.strings);
    const form = tool.querySelector("[data-form]");
    const status = tool.querySelector("[data-status]");
    const results = tool.querySelector("[data-results]");
    const body = tool.querySelector("[data-results-body]");
    const heading = results.querySelector("h2");
    const summaryButton = tool.querySelector('[data-action="summary"]');
    let summary = null;
    let unsaved = false;
    let carryingAnswers = false;

    const say = (text) => status.replaceChildren(element("p", text, "mawwsb-tool__message"));

    function collect() {
      const answers = {};
      const notes = {};
      for (const field of form.elements) {
        if (field.type === "radio" && field.checked) answers[field.name] = field.value;
        else if (field.type === "checkbox" && field.checked) (answers[field.name] ||= []).push(field.value);
        else if (field.name && field.name.startsWith("note-")) notes[field.name.slice(5)] = field.value;
      }
      return { answers, notes };
    }

    function render(result) {
      const nodes = [];
      for (const group of result.groups) {
        nodes.push(element("h3", group.title));
        const list = element("ul", undefined, "mawwsb-guidance");
        for (const item of group.items) {
          const entry = element("li");
          entry.append(element("p", item.prompt));
          if (item.points.length) {
            const points = element("ul");
            for (const point of item.points) points.append(element("li", point));
            entry.append(points);
          }
          if (item.quote) {
            const quote = element("blockquote");
            const said = "rule" in item ? `${strings["protocol-says"]} “${item.quote}”` : `“${item.quote}”`;
            quote.append(element("p", said));
            entry.append(quote);
          }
          const source = element("p", `${strings.source} `, "mawwsb-source");
          const link = element("a", item.source.label);
          link.href = item.source.url;
          source.append(link);
          entry.append(source);
          list.append(entry);
        }
        nodes.push(list);
      }
      nodes.push(element("h3", strings.answers));
      const answers = element("dl", undefined, "mawwsb-answers");
      for (const answer of result.answers) {
        answers.append(element("dt", answer.text), element("dd", answer.answer));
      }
      nodes.push(answers);
      if (result.notes.length) {
        nodes.push(element("h3", strings.notes));
        const notes = element("dl", undefined, "mawwsb-answers");
        for (const note of result.notes) notes.append(element("dt", note.label), element("dd", note.value));
        nodes.push(notes);
      }
      body.replaceChildren(...nodes);
    }

    async function showSummary(moveFocus) {
      const request = {
        tool: tool.dataset.tool,
        language: tool.dataset.language,
        base: new URL(tool.dataset.root, window.location.href).href,
        ...collect(),
      };
      if (moveFocus) say(strings.preparing);
      try {
        summary = await engine.summarise(request);
      } catch {
        say(strings["engine-failed"]);
        return;
      }
      render(summary);
      results.hidden = false;
      tool.classList.add("mawwsb-tool--has-summary");
      if (moveFocus) {
        say(strings["summary-ready"]);
        heading.focus();
      }
    }

    function download() {
      const file = new Blob([summary.text], { type: "text/plain;charset=utf-8" });
      const link = element("a");
      link.href = URL.createObjectURL(file);
      link.download = `${tool.dataset.tool}-${tool.dataset.language}.txt`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    }

    async function copy() {
      try {
        await navigator.clipboard.writeText(summary.text);
        say(strings.copied);
      } catch {
        say(strings["copy-failed"]);
      }
    }

    // Answers carried from the other language's page, if any: read once and forgotten.
    if (window.name.startsWith(CARRY)) {
      const carried = JSON.parse(window.name.slice(CARRY.length));
      window.name = "";
      if (carried.tool === tool.dataset.tool) {
        for (const [id, value] of Object.entries(carried.fields)) {
          const field = document.getElementById(id);
          if (field && field.form === form) {
            if (field.type === "radio" || field.type === "checkbox") field.checked = value;
            else field.value = value;
          }
        }
        unsaved = true;
      }
    }

    const engine = startEngine();
    say(strings.preparing);
    summaryButton.hidden = false;
    engine.ready.then(
      () => say(strings.ready),
      () => {
        summaryButton.hidden = true;
        say(strings["engine-failed"]);
      },
    );

    summaryButton.addEventListener("click", () => showSummary(true));
    form.addEventListener("input", () => {
      unsaved = true;
      if (summary) showSummary(false); // keep a summary on screen up to date
    });
    form.addEventListener("reset", () => {
      summary = null;
      unsaved = false;
      results.hidden = true;
      body.replaceChildren();
      tool.classList.remove("mawwsb-tool--has-summary");
      say(strings.cleared);
    });
    results.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action || !summary) return;
      if (action.dataset.action === "copy") copy();
      else if (action.dataset.action === "download") download();
      else if (action.dataset.action === "print") window.print();
    });
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target instanceof Element && event.target.closest("a[data-language-link]");
        if (!link || !unsaved) return;
        const fields = {};
        for (const field of form.elements) {
          if (!field.id) continue;
          if (field.type === "radio" || field.type === "checkbox") fields[field.id] = field.checked;
          else if ("value" in field && field.type !== "button" && field.type !== "reset") fields[field.id] = field.value;
        }
        window.name = CARRY + JSON.stringify({ tool: tool.dataset.tool, fields });
        carryingAnswers = true;
      },
      true,
    );
    window.addEventListener("beforeunload", (event) => {
      if (unsaved && !carryingAnswers) {
        event.preventDefault();
        event.returnValue = strings["leave-warning"];
      }
    });
  }

  for (const tool of document.querySelectorAll("[data-tool]")) enhance(tool);
})();
