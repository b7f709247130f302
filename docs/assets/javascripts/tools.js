// Enhances each tool form that the build rendered (macros/templates/tool.html): Python in a Web
// Worker (tools-worker.js) turns the answers into a summary, with copy, download and print;
// modes show the sections that apply; action-plan rows can be added and removed.
// The form never waits for the engine; if the engine cannot start, the page says so and the form
// can still be filled in and printed. Nothing entered is stored or sent: answers live in the
// page, and only travel to the other language's page in this tab's window.name, which is read
// and emptied at once. All text comes from the page or from Python: this file has no language.
(() => {
  "use strict";

  const ENGINE_TIMEOUT_MS = 30000;
  const CARRY = "mawwsb-tool-answers:";
  const ROW_ID = /^plan-\d+-/;
  const workerUrl = new URL("tools-worker.js", document.currentScript.src);

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function startEngine(tool) {
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
        worker.postMessage({ type: "start", tool });
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
    const plan = tool.querySelector("[data-plan]");
    const addRowButton = tool.querySelector('[data-action="add-row"]');
    let summary = null;
    let unsaved = false;
    let carryingAnswers = false;

    const say = (text) => status.replaceChildren(element("p", text, "mawwsb-tool__message"));

    // ---- Action-plan rows: added and removed in the page, renumbered, announced. ----
    const rows = () => [...plan.querySelectorAll("[data-plan-row]")];

    function numberRow(row, number) {
      for (const node of row.querySelectorAll("[id], [for], [name]")) {
        for (const attribute of ["id", "for", "name"]) {
          const value = node.getAttribute(attribute);
          if (value && ROW_ID.test(value)) {
            node.setAttribute(attribute, value.replace(ROW_ID, `plan-${number}-`));
          }
        }
      }
      row.querySelector("legend").textContent = plan.dataset.rowLabel.replace("{n}", number);
      row.querySelector('[data-action="remove-row"]').textContent =
        plan.dataset.removeLabel.replace("{n}", number);
    }

    function addRow(announce) {
      const template = rows()[0];
      const row = template.cloneNode(true);
      for (const field of row.querySelectorAll("input, textarea")) {
        if (field.type === "radio") field.checked = false;
        else field.value = "";
      }
      plan.append(row);
      const number = rows().length;
      numberRow(row, number);
      if (announce) {
        say(plan.dataset.added.replace("{n}", number));
        row.querySelector("input").focus();
      }
      return row;
    }

    function removeRow(row) {
      const index = rows().indexOf(row);
      row.remove();
      rows().forEach((each, position) => numberRow(each, position + 1));
      say(plan.dataset.removed.replace("{n}", index + 1));
      const next = rows()[index] || rows()[index - 1];
      (next ? next.querySelector("input") : addRowButton).focus();
      unsaved = true;
      if (summary) showSummary(false);
    }

    // ---- Modes: only the chosen mode's sections are shown; hidden answers are kept. ----
    function showMode() {
      const name = tool.dataset.modeQuestion;
      if (!name) return;
      const chosen = form.querySelector(`input[name="${name}"]:checked`);
      for (const section of tool.querySelectorAll("[data-mode]")) {
        section.hidden = Boolean(chosen) && section.dataset.mode !== chosen.value;
      }
    }

    function collect() {
      const answers = {};
      const notes = {};
      for (const field of form.elements) {
        if (field.closest("[data-plan-row]")) continue;
        if (field.type === "radio" && field.checked) answers[field.name] = field.value;
        else if (field.type === "checkbox" && field.checked) (answers[field.name] ||= []).push(field.value);
        else if (field.name && field.name.startsWith("note-")) notes[field.name.slice(5)] = field.value;
      }
      const planRows = plan
        ? rows().map((row) => {
            const values = {};
            for (const field of row.querySelectorAll("[data-field]")) {
              if (field.type !== "radio" || field.checked) values[field.dataset.field] = field.value;
            }
            return values;
          })
        : [];
      return { answers, notes, plan: planRows };
    }

    // ---- The summary: a layout of Python's result (engine.evaluate), adding nothing. ----
    function definitions(entries, noteLabel) {
      const list = element("dl", undefined, "mawwsb-answers");
      for (const entry of entries) {
        const term = element("dt", entry.label);
        const value = element("dd", entry.value);
        if (entry.id !== undefined) term.dataset.entry = entry.id;
        list.append(term, value);
        if (entry.note) {
          const note = element("dd", undefined, "mawwsb-answers__note");
          note.append(element("span", noteLabel, "mawwsb-answers__label"), " ", element("span", entry.note));
          note.dataset.note = "";
          list.append(note);
        }
      }
      return list;
    }

    function sourceLine(source, label) {
      const line = element("p", undefined, "mawwsb-source");
      const link = element("a", source.label);
      link.href = source.url;
      line.append(element("span", label), " ", link);
      line.dataset.source = "";
      return line;
    }

    function block(name, ...children) {
      const node = element("div", undefined, `mawwsb-summary__${name}`);
      node.dataset.part = name;
      node.append(...children);
      return node;
    }

    function render(result) {
      const nodes = [];
      const labels = result.labels;
      if (result.reminder) nodes.push(block("reminder", element("p", result.reminder, "mawwsb-tool__reminder")));
      if (result.mode) {
        const line = element("p");
        line.append(element("span", result.mode.label), " ", element("strong", result.mode.value));
        nodes.push(block("mode", line));
      }
      for (const group of result.groups) {
        const list = element("ul", undefined, "mawwsb-guidance");
        for (const item of group.items) {
          const entry = element("li");
          entry.dataset.item = `${item.kind}:${item.id}`;
          entry.append(element("p", item.prompt, "mawwsb-guidance__prompt"));
          if (item.points.length) {
            const points = element("ul", undefined, "mawwsb-guidance__points");
            for (const point of item.points) points.append(element("li", point));
            entry.append(points);
          }
          if (item.quote) {
            const quote = element("blockquote");
            const said = element("p");
            if (item.quote.lead) said.append(element("span", item.quote.lead, "mawwsb-quote__lead"), " ");
            said.append("“", element("span", item.quote.text, "mawwsb-quote__text"), "”");
            quote.append(said);
            entry.append(quote);
          }
          entry.append(sourceLine(item.source, labels.source));
          list.append(entry);
        }
        const part = block("group", element("h3", group.title), list);
        part.dataset.group = group.id;
        nodes.push(part);
      }
      if (result.notes.entries.length) {
        nodes.push(block("notes", element("h3", result.notes.title), definitions(result.notes.entries)));
      }
      if (result.plan) {
        const plan = block("plan", element("h3", result.plan.title));
        if (!result.plan.rows.length) plan.append(element("p", result.plan.none, "mawwsb-plan__none"));
        for (const row of result.plan.rows) {
          plan.append(element("h4", row.title), definitions(row.fields));
        }
        plan.append(sourceLine(result.plan.source, labels.source));
        nodes.push(plan);
      }
      const answers = block("answers", element("h3", result.answers.title));
      for (const section of result.answers.sections) {
        const entries = section.entries.map((answer) => ({
          id: answer.question,
          label: answer.text,
          value: answer.answer,
          note: answer.note,
        }));
        const heading = element("h4", section.title);
        heading.dataset.section = section.id;
        answers.append(heading, definitions(entries, labels.note));
      }
      nodes.push(answers);
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

    function download(format) {
      const markdown = format === "markdown";
      const file = new Blob([markdown ? summary.markdown : summary.text], {
        type: `${markdown ? "text/markdown" : "text/plain"};charset=utf-8`,
      });
      const link = element("a");
      link.href = URL.createObjectURL(file);
      link.download = `${tool.dataset.tool}-${tool.dataset.language}.${markdown ? "md" : "txt"}`;
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
        while (plan && rows().length < carried.planRows) addRow(false);
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
    showMode();

    // The engine starts once the page is idle, so the form is ready first; asking for a
    // summary before then starts it at once.
    let started = null;
    const engine = {
      start() {
        if (!started) {
          started = startEngine(tool.dataset.tool);
          started.ready.then(
            () => say(strings.ready),
            () => {
              summaryButton.hidden = true;
              say(strings["engine-failed"]);
            },
          );
        }
        return started;
      },
      summarise: (request) => engine.start().summarise(request),
    };
    say(strings.preparing);
    summaryButton.hidden = false;
    const whenIdle = window.requestIdleCallback || ((callback) => setTimeout(callback, 200));
    const startWhenIdle = () => whenIdle(() => engine.start(), { timeout: 2000 });
    if (document.readyState === "complete") startWhenIdle();
    else window.addEventListener("load", startWhenIdle, { once: true });

    if (plan) {
      addRowButton.hidden = false;
      for (const button of plan.querySelectorAll('[data-action="remove-row"]')) button.hidden = false;
      addRowButton.addEventListener("click", () => addRow(true));
      plan.addEventListener("click", (event) => {
        const button = event.target.closest('[data-action="remove-row"]');
        if (button) removeRow(button.closest("[data-plan-row]"));
      });
    }
    summaryButton.addEventListener("click", () => showSummary(true));
    form.addEventListener("input", () => {
      unsaved = true;
      showMode();
      if (summary) showSummary(false); // keep a summary on screen up to date
    });
    form.addEventListener("reset", () => {
      summary = null;
      unsaved = false;
      results.hidden = true;
      body.replaceChildren();
      tool.classList.remove("mawwsb-tool--has-summary");
      setTimeout(showMode); // after the browser has cleared the fields
      say(strings.cleared);
    });
    results.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action || !summary) return;
      if (action.dataset.action === "copy") copy();
      else if (action.dataset.action === "download") download("text");
      else if (action.dataset.action === "download-markdown") download("markdown");
      else if (action.dataset.action === "print") window.print();
    });
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target instanceof Element && event.target.closest("a[data-language-link]");
        if (!link || !unsaved) return;
        const fields = {};
        for (const field of form.elements) {
          if (!field.id || field.type === "button" || field.type === "reset") continue;
          if (field.type === "radio" || field.type === "checkbox") fields[field.id] = field.checked;
          else if ("value" in field) fields[field.id] = field.value;
        }
        const planRows = plan ? rows().length : 0;
        window.name = CARRY + JSON.stringify({ tool: tool.dataset.tool, fields, planRows });
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
