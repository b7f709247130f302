// Enhances each tool form that the build rendered (macros/templates/tool.html): Python in a Web
// Worker (tools-worker.js) turns the answers into a summary, with copy, download and print;
// modes show the sections that apply; action-plan rows can be added and removed.
// The form never waits for the engine, and the engine has no deadline: on weak signal the page
// shows how much has arrived, and offers Try again only if the download stalls. If the engine
// cannot start, the page says so and the form can still be filled in and printed.
// Nothing entered is stored or sent: answers live in the page. Switching language carries them
// to the other language's page in this tab's window.name, written only as this page goes, read
// and emptied at once, checked and size-limited. All text comes from the page or from Python:
// this file has no language.
(() => {
  "use strict";

  const CARRY = "mawwsb-tool-answers:";
  // A carry larger than this, or with more action-plan rows, is not a carry from this site.
  const CARRY_MAX_CHARS = 2_000_000;
  const MAX_PLAN_ROWS = 50;
  const MAX_STEPS = 100;
  // Give up on the engine's download after this long without a byte (not a deadline: a slow
  // download that keeps arriving is never stopped). The page may set data-stall-ms.
  const STALL_MS = 30000;
  const ROW_ID = /^plan-\d+-/;
  const workerUrl = new URL("tools-worker.js", document.currentScript.src);
  // The smallest WebAssembly module (see tools-worker.js): a policy that forbids WebAssembly
  // is known at once, without starting the engine.
  const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function webAssemblyAllowed() {
    try {
      new WebAssembly.Module(EMPTY_MODULE);
      return true;
    } catch {
      return false;
    }
  }

  class EngineFailure extends Error {
    constructor(reason, message) {
      super(message);
      this.reason = reason;
    }
  }

  function startEngine(tool, stallMs, onProgress) {
    let worker;
    const waiting = new Map();
    let nextId = 0;
    const ready = new Promise((resolve, reject) => {
      // A sandboxed frame without allow-same-origin has an opaque origin: the engine's
      // module worker cannot start there, so say so at once, with the page's own address.
      if (window.origin === "null") {
        reject(new EngineFailure("framed", "sandboxed frame"));
        return;
      }
      if (!webAssemblyAllowed()) {
        reject(new EngineFailure("blocked", "WebAssembly is blocked"));
        return;
      }
      try {
        worker = new Worker(workerUrl, { type: "module" });
        worker.postMessage({ type: "start", tool, stallMs });
      } catch (error) {
        reject(new EngineFailure("error", String(error)));
        return;
      }
      worker.addEventListener("error", (event) =>
        reject(new EngineFailure("error", event.message)),
      );
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "progress") onProgress(data.loaded, data.total);
        else if (data.type === "ready") resolve();
        else if (data.type === "failed") reject(new EngineFailure(data.reason, data.error));
        else if (waiting.has(data.id)) {
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

  // The device's own date and time: "2026-12-02T09:05" for the summary, "2026-12-02" for files.
  function localNow() {
    const now = new Date();
    const two = (number) => String(number).padStart(2, "0");
    const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
    return { date, dateTime: `${date}T${two(now.getHours())}:${two(now.getMinutes())}` };
  }

  // A carried value is used only if it has exactly the shape this script writes.
  function validCarry(value, toolId) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    if (value.tool !== toolId) return null;
    const { fields, planRows, summary, step } = value;
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) return null;
    if (!Number.isInteger(planRows) || planRows < 0) return null;
    const clean = {};
    for (const [id, given] of Object.entries(fields)) {
      if (typeof given === "boolean" || typeof given === "string") clean[id] = given;
    }
    return {
      fields: clean,
      planRows: Math.min(planRows, MAX_PLAN_ROWS),
      summary: summary === true,
      step: Number.isInteger(step) && step >= 0 && step < MAX_STEPS ? step : 0,
    };
  }

  function readCarry(toolId) {
    const raw = window.name;
    if (!raw) return null;
    window.name = ""; // read once: nothing stays in the tab for another page or site
    if (typeof raw !== "string" || !raw.startsWith(CARRY) || raw.length > CARRY_MAX_CHARS) {
      return null;
    }
    try {
      return validCarry(JSON.parse(raw.slice(CARRY.length)), toolId);
    } catch {
      return null;
    }
  }

  function enhance(tool) {
    const strings = JSON.parse(tool.dataset.strings);
    const form = tool.querySelector("[data-form]");
    const status = tool.querySelector("[data-status]");
    const progress = tool.querySelector("[data-progress]");
    const progressBar = tool.querySelector("[data-progress-bar]");
    const progressText = tool.querySelector("[data-progress-text]");
    const retry = tool.querySelector("[data-retry]");
    const results = tool.querySelector("[data-results]");
    const body = tool.querySelector("[data-results-body]");
    const heading = results.querySelector("h2");
    const summaryButton = tool.querySelector('[data-action="summary"]');
    const clearButton = tool.querySelector('[data-action="clear"]');
    const confirmClear = tool.querySelector("[data-confirm-clear]");
    const plan = tool.querySelector("[data-plan]");
    const addRowButton = tool.querySelector('[data-action="add-row"]');
    const stallMs = Number(tool.dataset.stallMs) || STALL_MS;
    let summary = null;
    let unsaved = false;
    let switchingLanguage = false;

    const say = (text) => status.replaceChildren(element("p", text, "mawwsb-tool__message"));

    // ---- Action-plan rows: added and removed in the page, renumbered, announced. ----
    const rows = () => [...plan.querySelectorAll("[data-plan-row]")];
    // A blank row kept aside, so that a row can be added even after every row was removed.
    const blankRow = plan && rows()[0].cloneNode(true);
    const initialRows = plan ? rows().length : 0;

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
      const remove = row.querySelector('[data-action="remove-row"]');
      remove.textContent = plan.dataset.removeLabel.replace("{n}", number);
      remove.hidden = false;
    }

    function addRow(announce) {
      const row = blankRow.cloneNode(true);
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
    // Questions both modes share are put in the chosen mode's voice ("Is the worker…?"), with
    // the answers its Welsh verb takes; the hints that show both without JavaScript go.
    for (const hint of tool.querySelectorAll("[data-mode-hint]")) hint.hidden = true;
    const modeTexts = [...tool.querySelectorAll("[data-mode-texts]")].map((node) => ({
      node,
      own: node.textContent,
      texts: JSON.parse(node.dataset.modeTexts),
    }));

    function showMode() {
      const name = tool.dataset.modeQuestion;
      if (!name) return;
      const chosen = form.querySelector(`input[name="${name}"]:checked`);
      for (const section of tool.querySelectorAll("[data-mode]")) {
        section.hidden = Boolean(chosen) && section.dataset.mode !== chosen.value;
      }
      const mode = chosen ? chosen.value : "";
      for (const { node, own, texts } of modeTexts) {
        const text = texts[mode] || own;
        if (node.textContent !== text) node.textContent = text;
      }
      for (const hint of tool.querySelectorAll("[data-mode-own-words]")) {
        hint.hidden = hint.dataset.modeOwnWords !== mode;
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

    // A source as the form shows it: a disclosure with the protocol's words (the build put
    // them in the form) and a link to the section, in a new tab, at its full address.
    function sourceLine(source, label) {
      const line = element("details", undefined, "mawwsb-source");
      const name = element("summary");
      name.append(element("span", label), " ", element("span", source.label));
      line.append(name);
      const passage = element("div", undefined, "mawwsb-source__passage");
      const words = tool.querySelector(`[data-source-ref="${CSS.escape(source.ref)}"] .mawwsb-source__words`);
      if (words) passage.append(words.cloneNode(true));
      const link = element("a", strings["open-section"].replace("{section}", source.label));
      link.href = source.url;
      link.target = "_blank";
      link.rel = "noopener";
      const linkLine = element("p");
      linkLine.append(link);
      passage.append(linkLine);
      line.append(passage);
      line.dataset.source = source.ref;
      name.dataset.url = source.url; // printed after the section's name
      return line;
    }

    function warning(text) {
      const box = element("div", undefined, "mawwsb-warning");
      const icon = element("span", "!", "mawwsb-warning__icon");
      icon.setAttribute("aria-hidden", "true");
      const said = element("p", undefined, "mawwsb-warning__text");
      const strong = element("strong");
      strong.append(element("span", `${strings.warning}: `, "mawwsb-visually-hidden"), element("span", text, "mawwsb-guidance__prompt"));
      said.append(strong);
      box.append(icon, said);
      return box;
    }

    function block(name, ...children) {
      const node = element("div", undefined, `mawwsb-summary__${name}`);
      node.dataset.part = name;
      node.append(...children);
      return node;
    }

    // Links to places on the page, each marked with its id (data-reason, data-question).
    function linkList(className, entries, key) {
      const list = element("ul", undefined, className);
      for (const entry of entries) {
        const link = element("a", entry.text);
        link.href = entry.href;
        link.dataset[key] = entry.id;
        const line = element("li");
        line.append(link);
        list.append(line);
      }
      return list;
    }

    // The protocol's words: "The protocol says: “…”" (or just "“…”").
    function quoteBlock(quote) {
      const said = element("p");
      if (quote.lead) said.append(element("span", quote.lead, "mawwsb-quote__lead"), " ");
      said.append("“", element("span", quote.text, "mawwsb-quote__text"), "”");
      const quoted = element("blockquote");
      quoted.append(said);
      return quoted;
    }

    // One reason for the bottom line: the fact, what the reader answered that made it hold
    // (each a link to the question) and the passage of the protocol it rests on.
    function reasonItem(reason, labels) {
      const item = element("li");
      item.dataset.reason = reason.id;
      item.append(element("span", reason.text, "mawwsb-reason__text"));
      if (reason.covered) item.append(" ", element("span", reason.covered, "mawwsb-reason__covered"));
      if (reason.because.length) {
        const because = element("ul", undefined, "mawwsb-reason__because");
        for (const each of reason.because) {
          const link = element("a", each.text);
          link.href = each.href;
          link.dataset.question = each.href.slice(1);
          const line = element("li");
          line.append(link);
          because.append(line);
        }
        item.append(because);
      }
      const source = element("a", reason.source.label, "mawwsb-reason__source");
      source.href = reason.source.url;
      source.target = "_blank";
      source.rel = "noopener";
      const line = element("p", undefined, "mawwsb-reason__passage");
      line.append(element("span", labels.source, "mawwsb-reason__label"), " ", source);
      item.append(line);
      return item;
    }

    function reasonList(reasons, labels) {
      const list = element("ul", undefined, "mawwsb-outcome__reasons");
      list.append(...reasons.map((reason) => reasonItem(reason, labels)));
      return list;
    }

    // The bottom line, before any list: its heading holds the outcome (focus moves there), then
    // every reason, the facts at less urgent levels, what was answered (for the least urgent
    // outcome), the protocol's words it rests on and how the tools decide.
    function outcomePanel(outcome, labels) {
      const heading = element("h3", undefined, "mawwsb-outcome__heading");
      heading.id = `${tool.dataset.tool}-bottom-line`;
      heading.tabIndex = -1;
      heading.append(
        element("span", `${labels.outcome}: `, "mawwsb-outcome__label"),
        element("span", outcome.title, "mawwsb-outcome__title"),
      );
      const panel = block("outcome", heading);
      panel.classList.add("mawwsb-outcome");
      panel.dataset.outcome = outcome.id;
      panel.dataset.level = outcome.level;
      if (outcome.reasons.length) {
        panel.append(element("p", outcome.reasons_title, "mawwsb-outcome__reasons-title"), reasonList(outcome.reasons, labels));
      }
      for (const also of outcome.also) {
        const part = element("div", undefined, "mawwsb-outcome__also");
        part.dataset.level = also.level;
        part.append(element("p", `${also.title}:`, "mawwsb-outcome__reasons-title"), reasonList(also.reasons, labels));
        panel.append(part);
      }
      if (outcome.confirmed) {
        const part = element("div", undefined, "mawwsb-outcome__confirmed");
        part.append(element("p", outcome.confirmed.title, "mawwsb-outcome__reasons-title"));
        const list = element("ul");
        for (const each of outcome.confirmed.answers) {
          const link = element("a", each.text);
          link.href = each.href;
          link.dataset.question = each.id;
          const line = element("li");
          line.dataset.confirmed = each.id;
          line.append(link, " ", element("strong", each.answer));
          list.append(line);
        }
        part.append(list);
        panel.append(part);
      }
      if (outcome.quote) panel.append(quoteBlock(outcome.quote), sourceLine(outcome.source, labels.source));
      const decide = element("a", outcome.decide.text);
      decide.href = outcome.decide.url;
      const decideLine = element("p", undefined, "mawwsb-outcome__decide");
      decideLine.append(decide);
      panel.append(decideLine);
      return panel;
    }

    // Questions still to answer, as links to them (the GOV.UK error summary's pattern).
    function unansweredList(unanswered) {
      const list = linkList("mawwsb-unanswered__list", unanswered.questions, "question");
      const part = block("unanswered", element("h3", unanswered.title), list);
      part.classList.add("mawwsb-unanswered");
      return part;
    }

    // What to do, by who and when: each action links to its guidance in full below.
    function actionsPart(actions, labels) {
      const part = block("actions", element("h3", actions.title));
      for (const group of actions.groups) {
        const heading = element("h4", group.title);
        heading.dataset.group = group.id;
        heading.dataset.urgency = group.urgency;
        const list = element("ul", undefined, "mawwsb-actions");
        for (const item of group.items) {
          const entry = element("li");
          entry.dataset.action = item.id;
          const link = element("a", item.prompt);
          link.href = item.href;
          link.dataset.reason = item.id;
          if (item.warning) {
            entry.classList.add("mawwsb-guidance--warning");
            const box = warning("");
            box.querySelector(".mawwsb-guidance__prompt").replaceWith(link);
            entry.append(box);
          } else {
            entry.append(link);
          }
          list.append(entry);
        }
        part.append(heading, list);
      }
      return part;
    }

    function guidanceItem(item, labels) {
      const entry = element("li");
      entry.dataset.item = `${item.kind}:${item.id}`;
      entry.id = `summary-${item.kind}-${item.id}`;
      entry.tabIndex = -1; // an action's link moves focus here
      if (item.warning) {
        entry.classList.add("mawwsb-guidance--warning");
        entry.append(warning(item.prompt));
      } else {
        entry.append(element("p", item.prompt, "mawwsb-guidance__prompt"));
      }
      if (item.points.length) {
        const points = element("ul", undefined, "mawwsb-guidance__points");
        for (const point of item.points) points.append(element("li", point));
        entry.append(points);
      }
      if (item.quote) entry.append(quoteBlock(item.quote));
      entry.append(sourceLine(item.source, labels.source));
      return entry;
    }

    function render(result) {
      const nodes = [];
      const labels = result.labels;
      const heading = element("p", undefined, "mawwsb-summary__heading");
      heading.append(element("strong", result.title));
      if (result.prepared) heading.append(" ", element("span", result.prepared));
      nodes.push(block("prepared", heading));
      // The record: what goes into a case record or to supervision.
      nodes.push(outcomePanel(result.outcome, labels));
      if (result.unanswered.questions.length) nodes.push(unansweredList(result.unanswered));
      if (result.reminder) nodes.push(block("reminder", element("p", result.reminder, "mawwsb-tool__reminder")));
      if (result.mode) {
        const line = element("p");
        line.append(element("span", result.mode.label), " ", element("strong", result.mode.value));
        nodes.push(block("mode", line));
      }
      if (result.notes.entries.length) {
        nodes.push(block("notes", element("h3", result.notes.title), definitions(result.notes.entries)));
      }
      if (result.actions.groups.length) nodes.push(actionsPart(result.actions, labels));
      if (result.plan) {
        const plan = block("plan", element("h3", result.plan.title));
        if (!result.plan.rows.length) plan.append(element("p", result.plan.none, "mawwsb-plan__none"));
        for (const row of result.plan.rows) {
          plan.append(element("h4", row.title), definitions(row.fields));
        }
        plan.append(sourceLine(result.plan.source, labels.source));
        nodes.push(plan);
      }
      if (result.assessment) {
        const entries = result.assessment.entries.map((entry) => ({
          id: entry.question,
          label: entry.text,
          value: entry.answer,
          note: entry.note,
        }));
        nodes.push(block("assessment", element("h3", result.assessment.title), definitions(entries, labels.note)));
      }
      // Then, clearly apart, the full guidance and every answer (left out of print and copies
      // when the reader chooses).
      const guidance = block("guidance", element("h3", result.guidance.title), element("p", result.guidance.intro));
      for (const group of result.groups) {
        const list = element("ul", undefined, "mawwsb-guidance");
        for (const item of group.items) list.append(guidanceItem(item, labels));
        const part = element("div", undefined, "mawwsb-summary__group");
        part.dataset.part = "group";
        part.dataset.group = group.id;
        part.dataset.urgency = group.urgency;
        part.append(element("h4", group.title), list);
        guidance.append(part);
      }
      const answers = element("div", undefined, "mawwsb-summary__answers");
      answers.dataset.part = "answers";
      answers.append(element("h4", result.answers.title));
      for (const section of result.answers.sections) {
        const entries = section.entries.map((answer) => ({
          id: answer.question,
          label: answer.text,
          value: answer.answer,
          note: answer.note,
        }));
        const title = element("h5", section.title);
        title.dataset.section = section.id;
        answers.append(title, definitions(entries, labels.note));
      }
      guidance.append(answers);
      nodes.push(guidance);
      body.replaceChildren(...nodes);
    }

    // Each request is numbered: a reply that arrives after a newer request, or after Clear,
    // is not shown.
    let latestRequest = 0;

    async function showSummary(moveFocus) {
      const request = {
        tool: tool.dataset.tool,
        language: tool.dataset.language,
        base: new URL(tool.dataset.root, window.location.href).href,
        prepared_at: localNow().dateTime,
        ...collect(),
      };
      latestRequest += 1;
      const number = latestRequest;
      if (moveFocus) say(strings.preparing);
      let answer;
      try {
        answer = await engine.summarise(request);
      } catch {
        return; // the engine's own failure message is showing, with Try again
      }
      if (number !== latestRequest) return;
      summary = answer;
      render(summary);
      results.hidden = false;
      tool.classList.add("mawwsb-tool--has-summary");
      if (moveFocus) {
        say(strings["summary-ready"]);
        // The bottom line at the top of the window, and heard first (GOV.UK's error summary).
        const bottomLine = body.querySelector(".mawwsb-outcome__heading");
        bottomLine.focus({ preventScroll: true });
        bottomLine.scrollIntoView({ block: "start" });
      }
    }

    // The whole summary, or the record alone when the reader leaves the guidance out.
    const includeGuidance = tool.querySelector("[data-include-guidance]");
    const wholeSummary = () => includeGuidance.checked;
    includeGuidance.addEventListener("change", () => {
      tool.classList.toggle("mawwsb-tool--record-only", !wholeSummary());
    });

    function download(format) {
      const markdown = format === "markdown";
      const whole = wholeSummary();
      const text = markdown ? (whole ? summary.markdown : summary.record_markdown) : whole ? summary.text : summary.record_text;
      const file = new Blob([text], {
        type: `${markdown ? "text/markdown" : "text/plain"};charset=utf-8`,
      });
      const link = element("a");
      link.href = URL.createObjectURL(file);
      const date = localNow().date;
      // In the page's language: rhestr-wirio-cyn-ymweliad-2026-12-02.txt on a Welsh page.
      link.download = `${tool.dataset.fileName}-${date}.${markdown ? "md" : "txt"}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    }

    async function copy() {
      try {
        await navigator.clipboard.writeText(wholeSummary() ? summary.text : summary.record_text);
        say(strings.copied);
      } catch {
        say(strings["copy-failed"]);
      }
    }

    // ---- The engine: started when the page is idle, or at once when asked for a summary;
    // started again by Try again (or by Show my summary) after a failure. ----
    let attempt = null;
    let halfwayAnnounced = false;

    function showProgress(loaded, total) {
      const percent = total ? Math.min(100, Math.floor((100 * loaded) / total)) : 0;
      progress.hidden = false;
      progressBar.value = percent;
      progressText.textContent = `${percent}%`;
      // The live region speaks at the start and halfway only; the bar shows the rest.
      if (percent >= 50 && !halfwayAnnounced) {
        halfwayAnnounced = true;
        say(strings.loading.replace("{percent}", percent));
      }
    }

    function failed(error) {
      progress.hidden = true;
      if (error.reason === "blocked") {
        say(strings.blocked);
        return; // trying again cannot help
      }
      if (error.reason === "framed") {
        say(strings.framed.replace("{address}", location.href.split("#")[0]));
        return; // nor here
      }
      say(error.reason === "stalled" ? strings.stalled : strings["engine-failed"]);
      retry.hidden = false;
    }

    const engine = {
      start() {
        if (!attempt) {
          halfwayAnnounced = false;
          retry.hidden = true;
          say(strings.loading.replace("{percent}", 0));
          const current = startEngine(tool.dataset.tool, stallMs, showProgress);
          attempt = current;
          current.ready.then(
            () => {
              progress.hidden = true;
              say(strings.ready);
            },
            (error) => {
              attempt = null; // the next start is a new attempt
              failed(error);
            },
          );
          return current;
        }
        return attempt;
      },
      summarise: (request) => engine.start().summarise(request),
    };

    // ---- Steps (long tools): with JavaScript, one section at a time with Back and Continue,
    // then a check-your-answers step whose Change links go back to the question and return.
    // The sections stay one form: printing (and the page without JavaScript) shows them all.
    function makeSteps() {
      const sections = [...form.querySelectorAll(":scope > [data-step]")];
      const progressLine = element("p", undefined, "mawwsb-steps__progress");
      progressLine.setAttribute("aria-live", "polite");
      const check = element("div", undefined, "mawwsb-section mawwsb-check");
      check.dataset.check = "";
      const checkHeading = element("h2", strings["check-answers"]);
      checkHeading.id = `${tool.dataset.tool}-check`;
      checkHeading.tabIndex = -1;
      const checkList = element("dl", undefined, "mawwsb-check__list");
      check.append(checkHeading, element("p", strings["check-answers-intro"]), checkList);
      const nav = element("div", undefined, "mawwsb-tool__actions mawwsb-steps__nav");
      const back = element("button", strings.back, "md-button");
      back.type = "button";
      back.dataset.action = "step-back";
      const next = element("button", strings.continue, "md-button md-button--primary");
      next.type = "button";
      next.dataset.action = "step-continue";
      nav.append(back, next);
      sections[0].before(progressLine);
      sections.at(-1).after(check, nav);
      tool.classList.add("mawwsb-tool--steps");
      let current = 0;
      let returnToCheck = false;

      const active = () => [...sections.filter((section) => !section.hidden), check];

      function scrollToTop() {
        const header = document.querySelector(".md-header");
        const top = progressLine.getBoundingClientRect().top + window.scrollY;
        window.scrollTo({ top: Math.max(0, top - (header ? header.offsetHeight : 0) - 16) });
      }

      // Each step is an entry in the tab's history (its number only, never an answer), so the
      // browser's Back and Forward move between steps.
      function remember() {
        const state = { ...(history.state || {}), mawwsbStep: current };
        if (history.state && history.state.mawwsbStep === current) return;
        history.pushState(state, "");
      }

      function show(index, focus, fromHistory) {
        const steps = active();
        const before = current;
        current = Math.max(0, Math.min(index, steps.length - 1));
        if (focus !== false && !fromHistory && current !== before) remember();
        for (const step of [...sections, check]) {
          step.classList.toggle("mawwsb-step--inactive", step !== steps[current]);
        }
        const atCheck = steps[current] === check;
        progressLine.textContent = strings["step-of"]
          .replace("{n}", current + 1)
          .replace("{total}", steps.length);
        back.hidden = current === 0;
        next.hidden = atCheck;
        next.textContent = returnToCheck ? strings["back-to-check"] : strings.continue;
        summaryButton.classList.toggle("md-button--primary", atCheck);
        if (atCheck) fillCheck();
        if (focus === false) return;
        scrollToTop();
        (focus || steps[current].querySelector("h2")).focus({ preventScroll: true });
      }

      // As the engine words it (engine._answer_text): items of an item group after its lead-in.
      function answerOf(fieldset) {
        const ledIn = new Set();
        const chosen = [...fieldset.querySelectorAll(":scope > div input:checked")].map((input) => {
          const text = form.querySelector(`label[for="${CSS.escape(input.id)}"]`).textContent;
          const group = input.closest(".mawwsb-item-group");
          if (!group || ledIn.has(group)) return text;
          ledIn.add(group);
          return `${group.querySelector("legend").textContent} ${text}`;
        });
        if (chosen.length) return chosen.join("; ");
        return fieldset.querySelector("input[type=checkbox]") ? strings["none-chosen"] : strings["not-answered"];
      }

      // What the reader has entered, step by step: each question, note and plan field.
      function fillCheck() {
        const rows = [];
        for (const step of active().slice(0, -1)) {
          for (const unit of step.querySelectorAll("fieldset.mawwsb-question, .mawwsb-field")) {
            if (unit.matches(".mawwsb-field") && unit.closest("fieldset.mawwsb-question")) continue;
            const row = unit.closest("[data-plan-row]");
            const prefix = row ? `${row.querySelector("legend").textContent}: ` : "";
            let label;
            let value;
            let target;
            if (unit.matches("fieldset")) {
              label = unit.querySelector(":scope > legend").textContent;
              value = answerOf(unit);
              target = unit.querySelector("input");
              const note = unit.querySelector("textarea");
              if (note && note.value.trim()) value += ` (${strings.note} ${note.value.trim()})`;
            } else {
              const field = unit.querySelector("input, textarea");
              label = unit.querySelector("label").textContent;
              value = field.value.trim() || strings["not-answered"];
              target = field;
            }
            rows.push({ label: prefix + label, value, target });
          }
        }
        checkList.replaceChildren();
        for (const { label, value, target } of rows) {
          const change = element("a", undefined, "mawwsb-check__change");
          change.href = `#${target.id}`;
          change.dataset.change = target.id;
          change.append(strings.change, element("span", ` ${label}`, "mawwsb-visually-hidden"));
          const action = element("dd", undefined, "mawwsb-check__action");
          action.append(change);
          checkList.append(element("dt", label), element("dd", value), action);
        }
      }

      // The step that holds a field, shown, so a link can land on it.
      function reveal(node) {
        const step = node.closest("[data-step]");
        const index = active().indexOf(step);
        if (index >= 0 && index !== current) {
          show(index, false);
          remember();
        }
      }

      window.addEventListener("popstate", (event) => {
        const step = event.state && event.state.mawwsbStep;
        if (!Number.isInteger(step)) {
          if (current !== 0) show(0, undefined, true);
          return;
        }
        returnToCheck = false;
        show(step, undefined, true);
      });

      nav.addEventListener("click", (event) => {
        const action = event.target.closest("[data-action]");
        if (!action) return;
        if (action.dataset.action === "step-back") {
          returnToCheck = false;
          show(current - 1);
        } else if (returnToCheck) {
          returnToCheck = false;
          show(active().length - 1);
        } else {
          show(current + 1);
        }
      });
      checkList.addEventListener("click", (event) => {
        const link = event.target.closest("a[data-change]");
        if (!link) return;
        event.preventDefault();
        const target = document.getElementById(link.dataset.change);
        returnToCheck = true;
        reveal(target);
        show(current, target);
      });
      show(0, false);
      history.replaceState({ ...(history.state || {}), mawwsbStep: 0 }, "");
      return {
        show,
        reveal,
        current: () => current,
        refresh: () => show(current, false),
      };
    }

    // Answers carried from the other language's page, if any: read once and forgotten.
    const carried = readCarry(tool.dataset.tool);
    if (carried) {
      while (plan && rows().length < carried.planRows) addRow(false);
      for (const [id, value] of Object.entries(carried.fields)) {
        const field = document.getElementById(id);
        if (!field || field.form !== form) continue;
        if (field.type === "radio" || field.type === "checkbox") field.checked = value === true;
        else if (typeof value === "string" && "value" in field) field.value = value;
      }
      unsaved = true;
    }
    // All the guidance the tool can give: behind a button with JavaScript (the summary gives
    // what applies); print shows it when there is no summary (site.css).
    const allGuidance = tool.querySelector("[data-all-guidance]");
    const toggleGuidance = tool.querySelector("[data-toggle-guidance]");
    function showGuidance(shown) {
      allGuidance.hidden = !shown;
      toggleGuidance.setAttribute("aria-expanded", String(shown));
      toggleGuidance.textContent = shown ? toggleGuidance.dataset.hide : toggleGuidance.dataset.show;
    }
    showGuidance(false);
    toggleGuidance.hidden = false;
    toggleGuidance.addEventListener("click", () => showGuidance(allGuidance.hidden));

    showMode();
    const stepper = tool.hasAttribute("data-steps") ? makeSteps() : null;
    if (stepper && carried) {
      stepper.show(carried.step, false);
      history.replaceState({ ...(history.state || {}), mawwsbStep: stepper.current() }, "");
    }
    summaryButton.hidden = false;
    if (carried && carried.summary) showSummary(false);
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
    retry.addEventListener("click", () => {
      engine.start();
      summaryButton.focus();
    });

    // ---- Clear: only after the reader confirms, in the page. ----
    clearButton.type = "button";
    clearButton.setAttribute("aria-expanded", "false");
    const closeConfirm = () => {
      confirmClear.hidden = true;
      clearButton.setAttribute("aria-expanded", "false");
    };
    clearButton.addEventListener("click", () => {
      confirmClear.hidden = false;
      clearButton.setAttribute("aria-expanded", "true");
      confirmClear.querySelector("[tabindex]").focus();
    });
    confirmClear.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action) return;
      closeConfirm();
      if (action.dataset.action === "clear-yes") {
        form.reset();
        // Back to the rows the page started with, as well as to empty answers.
        while (plan && rows().length > initialRows) rows().at(-1).remove();
        while (plan && rows().length < initialRows) addRow(false);
      }
      clearButton.focus();
    });
    confirmClear.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        closeConfirm();
        clearButton.focus();
      }
    });

    form.addEventListener("input", () => {
      unsaved = true;
      showMode();
      if (stepper) stepper.refresh(); // a new mode can change the number of steps
      if (summary) showSummary(false); // keep a summary on screen up to date
    });
    form.addEventListener("reset", () => {
      latestRequest += 1; // a reply still on its way belongs to the answers just cleared
      summary = null;
      unsaved = false;
      results.hidden = true;
      body.replaceChildren();
      tool.classList.remove("mawwsb-tool--has-summary");
      setTimeout(() => {
        showMode(); // after the browser has cleared the fields
        if (stepper) stepper.show(0, false);
      });
      say(strings.cleared);
    });
    // A reason's link goes to its guidance below; an unanswered question's, to the question's
    // first answer (as GOV.UK's error summary does), so the reader can answer it at once.
    results.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-reason], a[data-question]");
      if (!link) return;
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      if (stepper && form.contains(target)) stepper.reveal(target);
      const focusable = link.dataset.question ? target.querySelector("input, textarea") : target;
      target.scrollIntoView({ block: "start" });
      (focusable || target).focus({ preventScroll: true });
    });
    results.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action || !summary) return;
      if (action.dataset.action === "copy") copy();
      else if (action.dataset.action === "download") download("text");
      else if (action.dataset.action === "download-markdown") download("markdown");
      else if (action.dataset.action === "print") window.print();
    });

    // ---- The language switch: a plain click on the language link carries the answers (a
    // click with a modifier key opens another tab, and carries nothing). ----
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target instanceof Element && event.target.closest("a[data-language-link]");
        if (!link) return;
        const plain = event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
        switchingLanguage = plain && unsaved;
      },
      true,
    );
    function carryAnswers() {
      const fields = {};
      for (const field of form.elements) {
        if (!field.id || field.type === "button" || field.type === "reset") continue;
        if (field.type === "radio" || field.type === "checkbox") {
          if (field.checked) fields[field.id] = true;
        } else if ("value" in field && field.value) fields[field.id] = field.value;
      }
      const planRows = plan ? rows().length : 0;
      const step = stepper ? stepper.current() : 0;
      const value = CARRY + JSON.stringify({ tool: tool.dataset.tool, fields, planRows, summary: Boolean(summary), step });
      return value.length <= CARRY_MAX_CHARS ? value : "";
    }
    // Written only as the page goes to its twin, never left in the tab otherwise. Chromium
    // keeps a window.name set in beforeunload but not one set in pagehide; Safari often skips
    // beforeunload: both are used.
    // Written only when it changes: Chromium's browser process crashed in the tests when a
    // closing page wrote its (already empty) name.
    const leave = () => {
      const value = switchingLanguage ? carryAnswers() : "";
      if (window.name !== value) window.name = value;
    };
    window.addEventListener("beforeunload", (event) => {
      leave();
      if (unsaved && !switchingLanguage) {
        event.preventDefault();
        event.returnValue = strings["leave-warning"];
      }
    });
    window.addEventListener("pagehide", leave);
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        window.name = ""; // back from the cache: the carry, if any, was not taken
        switchingLanguage = false;
      }
    });
  }

  for (const tool of document.querySelectorAll("[data-tool]")) enhance(tool);
})();
