"""Every tool in Chromium, driven from its spec (tools are found from their spec files):

- every worked example of every spec, in both languages: the summary the page shows equals
  Python's result exactly (every group, item, quote, source, note, plan row and answer, in
  order), and a deliberately broken copy of the page's script makes that comparison fail;
- keyboard-only completion of each mode's richest example, with the same exact result;
- accessibility after results, hostile input in every free-text field, and the form usable
  and printable without the engine or JavaScript, or with WebAssembly blocked.
(The pre-visit checklist's own detailed tests are in test_tool_browser.py.)"""

import datetime
import json
import re

import pytest

from mawwsb_tools import evaluate, load_spec
from mawwsb_tools.engine import active_questions
from tests import site
from tests.test_browser import STORAGE_SNAPSHOT, axe_violations, csp_violations, open_page
from tests.test_tool_browser import (
    HOSTILE,
    STEP_TOWARDS,
    focus_by_tab,
    reach,
    wait_for_status,
)
from tests.tools.test_cases import cases as corpus

TOOLS = site.tool_ids()
READY = {"en": "can be turned into a summary", "cy": "Gellir troi eich atebion"}
FAILED = {"en": "could not be prepared", "cy": "Nid oedd modd paratoi"}
TOOLS_JS = site.DOCS / "assets" / "javascripts" / "tools.js"
# The device's clock in these tests, and the time the summary must then name.
CLOCK = datetime.datetime(2026, 12, 2, 9, 5)
NOW = "2026-12-02T09:05"


def url(tool: str, language: str = "en") -> str:
    return site.page_url_path(site.tool_page(tool), language)


def example_notes(spec) -> dict[str, str]:
    """A note in every note field and every question's note: the summary must carry each."""
    notes = {note.id: f"Note {note.id} ŵ" for note in spec.notes if note.kind == "text"}
    notes.update({note.id: "2026-12-02" for note in spec.notes if note.kind == "date"})
    notes.update({note.id: "2026-12-03T10:30" for note in spec.notes if note.kind == "datetime"})
    notes.update({q.id: f"On {q.id}" for q in spec.questions if q.with_note})
    return notes


# Fills the form as the example says, all at once (hidden questions of the other mode too,
# which the result must then ignore), and adds plan rows as the reader would.
FILL = """([answers, notes, plan]) => {
  const tool = document.querySelector("[data-tool]");
  const form = tool.querySelector("[data-form]");
  const set = (field, value) => {
    if (field.type === "radio" || field.type === "checkbox") field.checked = value;
    else field.value = value;
  };
  for (const [question, answer] of Object.entries(answers)) {
    for (const value of [].concat(answer)) {
      set(document.getElementById(`${question}-${value}`), true);
    }
  }
  for (const [id, value] of Object.entries(notes)) {
    set(document.getElementById(`note-${id}`), value);
  }
  const add = tool.querySelector('[data-action="add-row"]');
  plan.forEach((row, index) => {
    while (tool.querySelectorAll("[data-plan-row]").length <= index) add.click();
    for (const [field, value] of Object.entries(row)) {
      const choice = document.getElementById(`plan-${index + 1}-${field}-${value}`);
      const box = document.getElementById(`plan-${index + 1}-${field}`);
      if (choice) set(choice, true);
      else if (box) set(box, value);
      else if (value) throw new Error(`no field for plan row ${index + 1}: ${field} = ${value}`);
    }
  });
  form.dispatchEvent(new Event("input", { bubbles: true }));
}"""

# The summary as shown, read back from the page into the shape of Python's result.
READ_SUMMARY = """() => {
  const body = document.querySelector("[data-results-body]");
  const text = (node) => (node ? node.textContent : null);
  const part = (name) => body.querySelector(`:scope > [data-part="${name}"]`);
  // A source is a disclosure: the section's name, then its words and a link (a new tab).
  const source = (node) => {
    const details = node.querySelector(":scope > details[data-source]");
    const summary = details.querySelector(":scope > summary");
    const link = details.querySelector(":scope > .mawwsb-source__passage > p > a[target=_blank]");
    if (summary.dataset.url !== link.href) throw new Error(`printed ${summary.dataset.url}`);
    return { ref: details.dataset.source, label: summary.lastElementChild.textContent,
             url: link.href };
  };
  const definitions = (list) => [...list.querySelectorAll(":scope > dt")].map((term) => ({
    id: term.dataset.entry, label: term.textContent, value: term.nextElementSibling.textContent,
  }));
  const answered = (list) => [...list.querySelectorAll(":scope > dt")].map((term) => {
    const next = term.nextElementSibling.nextElementSibling;
    const note = next && next.matches("[data-note]") ? next.lastChild.textContent : "";
    return { question: term.dataset.entry, text: term.textContent,
             answer: term.nextElementSibling.textContent, note };
  });
  // Each link must land somewhere on the page: a reason on its guidance, a question on itself.
  const target = (link) => {
    const href = link.getAttribute("href");
    return document.getElementById(href.slice(1)) ? href : `nowhere: ${href}`;
  };
  const reasons = (list) => [...list.querySelectorAll(":scope > li")].map((item) => {
    const passage = item.querySelector(":scope > .mawwsb-reason__passage > a");
    return {
      id: item.dataset.reason,
      text: text(item.querySelector(":scope > .mawwsb-reason__text")),
      covered: text(item.querySelector(":scope > .mawwsb-reason__covered")),
      because: [...item.querySelectorAll(":scope > .mawwsb-reason__because > li > a")].map(
        (link) => ({ text: link.textContent, href: target(link) })),
      source: { label: passage.textContent, url: passage.href },
    };
  });
  const mode = part("mode");
  const notes = part("notes");
  const actions = part("actions");
  const plan = part("plan");
  const assessment = part("assessment");
  const guidance = part("guidance");
  const answers = guidance.querySelector(':scope > [data-part="answers"]');
  const heading = part("prepared");
  const outcome = part("outcome");
  const unanswered = part("unanswered");
  const quote = outcome.querySelector(":scope > blockquote");
  const confirmed = outcome.querySelector(":scope > .mawwsb-outcome__confirmed");
  const reasonsList = outcome.querySelector(":scope > .mawwsb-outcome__reasons");
  const decide = outcome.querySelector(":scope > .mawwsb-outcome__decide > a");
  return {
    parts: [...body.children].map((node) => node.dataset.part),
    title: text(heading.querySelector("strong")),
    prepared: text(heading.querySelector("span")),
    outcome: {
      id: outcome.dataset.outcome,
      level: outcome.dataset.level,
      label: text(outcome.querySelector(":scope > h3 > .mawwsb-outcome__label")),
      title: text(outcome.querySelector(":scope > h3 > .mawwsb-outcome__title")),
      reasons_title: text(outcome.querySelector(":scope > .mawwsb-outcome__reasons-title")),
      reasons: reasonsList ? reasons(reasonsList) : [],
      also: [...outcome.querySelectorAll(":scope > .mawwsb-outcome__also")].map((also) => ({
        level: also.dataset.level,
        title: text(also.querySelector(".mawwsb-outcome__reasons-title")),
        reasons: reasons(also.querySelector(".mawwsb-outcome__reasons")),
      })),
      confirmed: confirmed && {
        title: text(confirmed.querySelector(".mawwsb-outcome__reasons-title")),
        answers: [...confirmed.querySelectorAll("li")].map((line) => ({
          id: line.dataset.confirmed, text: text(line.querySelector("a")),
          answer: text(line.querySelector("strong")), href: target(line.querySelector("a")),
        })),
      },
      quote: quote && { lead: text(quote.querySelector(".mawwsb-quote__lead")),
                        text: text(quote.querySelector(".mawwsb-quote__text")) },
      source: quote && source(outcome),
      decide: { text: decide.textContent, url: decide.href },
    },
    unanswered: unanswered && {
      title: text(unanswered.querySelector("h3")),
      questions: [...unanswered.querySelectorAll("li > a")].map((link) => ({
        id: link.dataset.question, text: link.textContent, href: target(link),
      })),
    },
    reminder: text(part("reminder")),
    mode: mode && {
      label: text(mode.querySelector("span")), value: text(mode.querySelector("strong")),
    },
    notes: notes && {
      title: text(notes.querySelector("h3")), entries: definitions(notes.querySelector("dl")),
    },
    actions: actions && {
      title: text(actions.querySelector("h3")),
      groups: [...actions.querySelectorAll(":scope > h4")].map((title) => ({
        id: title.dataset.group,
        urgency: title.dataset.urgency,
        title: title.textContent,
        items: [...title.nextElementSibling.querySelectorAll(":scope > li")].map((item) => {
          const link = item.querySelector("a[data-reason]");
          return { id: item.dataset.action, prompt: link.textContent,
                   warning: item.classList.contains("mawwsb-guidance--warning"),
                   href: target(link) };
        }),
      })),
    },
    plan: plan && {
      title: text(plan.querySelector("h3")),
      none: text(plan.querySelector(".mawwsb-plan__none")),
      source: source(plan),
      rows: [...plan.querySelectorAll(":scope > h4")].map((heading) => ({
        title: heading.textContent, fields: definitions(heading.nextElementSibling),
      })),
    },
    assessment: assessment && {
      title: text(assessment.querySelector("h3")),
      entries: answered(assessment.querySelector("dl")),
    },
    guidance: {
      title: text(guidance.querySelector(":scope > h3")),
      intro: text(guidance.querySelector(":scope > p")),
    },
    groups: [...guidance.querySelectorAll(':scope > [data-part="group"]')].map((group) => ({
      id: group.dataset.group,
      urgency: group.dataset.urgency,
      title: text(group.querySelector("h4")),
      items: [...group.querySelectorAll(":scope > ul > li")].map((item) => {
        const [kind, ...id] = item.dataset.item.split(":");
        const quote = item.querySelector(":scope > blockquote");
        return {
          kind, id: id.join(":"),
          prompt: text(item.querySelector(":scope > p.mawwsb-guidance__prompt, "
                                          + ":scope > .mawwsb-warning .mawwsb-guidance__prompt")),
          warning: item.classList.contains("mawwsb-guidance--warning"),
          points: [...item.querySelectorAll(":scope > ul > li")].map(text),
          quote: quote && { lead: text(quote.querySelector(".mawwsb-quote__lead")) || "",
                            text: text(quote.querySelector(".mawwsb-quote__text")) },
          source: source(item),
        };
      }),
    })),
    answers: {
      title: text(answers.querySelector("h4")),
      sections: [...answers.querySelectorAll(":scope > h5")].map((heading) => ({
        id: heading.dataset.section,
        title: heading.textContent,
        entries: answered(heading.nextElementSibling),
      })),
    },
  };
}"""


def as_shown(result: dict) -> dict:
    """Python's result as the page must show it: what tools.js lays out, nothing left out."""
    plan = result["plan"]
    outcome = result["outcome"]
    unanswered = result["unanswered"]
    optional = {
        "unanswered": unanswered["questions"],
        "reminder": result["reminder"],
        "mode": result["mode"],
        "notes": result["notes"]["entries"],
        "actions": result["actions"]["groups"],
        "plan": plan,
        "assessment": result["assessment"],
    }
    return {
        # The order of the summary's parts: the record (the bottom line first, then what is
        # unanswered…), then the full guidance.
        "parts": ["prepared", "outcome"]
        + [name for name, value in optional.items() if value]
        + ["guidance"],
        "title": result["title"],
        "prepared": result["prepared"],
        "outcome": {
            **outcome,
            "label": result["labels"]["outcome"] + ": ",
            "reasons_title": outcome["reasons_title"] if outcome["reasons"] else None,
            "also": [{**also, "title": also["title"] + ":"} for also in outcome["also"]],
        },
        "unanswered": unanswered if unanswered["questions"] else None,
        "reminder": result["reminder"],
        "mode": result["mode"],
        "notes": result["notes"] if result["notes"]["entries"] else None,
        "actions": result["actions"] if result["actions"]["groups"] else None,
        "plan": plan and {**plan, "none": None if plan["rows"] else plan["none"]},
        "assessment": result["assessment"],
        "guidance": result["guidance"],
        "groups": result["groups"],
        "answers": result["answers"],
    }


def first_difference(shown, expected, path="summary") -> str:
    if type(shown) is not type(expected):
        return f"{path}: page shows {shown!r}, Python gives {expected!r}"
    if isinstance(expected, dict):
        for key in sorted(set(shown) | set(expected)):
            if shown.get(key) != expected.get(key):
                return first_difference(shown.get(key), expected.get(key), f"{path}.{key}")
    if isinstance(expected, list):
        for index, (a, b) in enumerate(zip(shown, expected, strict=False)):
            if a != b:
                return first_difference(a, b, f"{path}[{index}]")
        if len(shown) != len(expected):
            return f"{path}: page shows {len(shown)} entries, Python gives {len(expected)}"
    return f"{path}: page shows {shown!r}, Python gives {expected!r}"


# After "Show my summary": the element with focus, and whether it is within the top 200 px of
# the window (GOV.UK's error summary: the bottom line is seen, and heard, first).
BOTTOM_LINE_FOCUS = """() => {
  const node = document.activeElement;
  const top = node.getBoundingClientRect().top;
  return { id: node.id, text: node.textContent, at_top: top >= 0 && top <= 200 };
}"""
# The worked examples are shown on a desktop window in English and a phone's in Welsh.
VIEWPORTS = {"en": {"width": 1280, "height": 900}, "cy": {"width": 375, "height": 812}}


def scenarios(tool: str, with_cases: bool) -> list[tuple[str, dict, list, dict | None]]:
    """Every worked example of the tool, then (with `with_cases`) the cases of the corpus marked
    for the browser: (name, answers, plan rows, the case or None)."""
    spec = load_spec(tool)
    found = [
        (f"example {e.name!r}", e.answers, [dict(r) for r in e.plan], None) for e in spec.examples
    ]
    if with_cases:
        found += [
            (f"case {name!r}", case["answers"], case.get("plan", []), case)
            for name, case in corpus()
            if case["tool"] == tool and case.get("browser")
        ]
    return found


def record_pages(page) -> int:
    """How many A4 pages the record alone prints on (the full guidance left out)."""
    include = page.locator("[data-include-guidance]")
    include.uncheck()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    include.check()
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def summary_differences(
    page, server, tool: str, language: str, stop_at_first=False, with_cases=False
) -> list[str]:
    """Every worked example of the tool (and the browser cases of the corpus), on one page: the
    first difference of each from Python's result, if any (with `stop_at_first`, only until one
    differs). A case's bottom line and reasons must also be the ones the protocol requires, and
    every worked example's record must print on one A4 page."""
    spec = load_spec(tool)
    notes = example_notes(spec)
    base = server + site.language_root(language)
    differences = []
    for name, answers, plan, case in scenarios(tool, with_cases):
        clear(page)
        page.evaluate(FILL, [answers, notes, plan])
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        shown = page.evaluate(READ_SUMMARY)
        focused = page.evaluate(BOTTOM_LINE_FOCUS)
        expected = as_shown(evaluate(spec, answers, language, notes, base, plan, prepared_at=NOW))
        # The same comparison as JSON, so tuples and lists compare alike.
        expected = json.loads(json.dumps(expected))
        if shown != expected:
            differences.append(f"{name}: {first_difference(shown, expected)}")
        heading = f"{expected['outcome']['label']}{expected['outcome']['title']}"
        if focused != {"id": f"{tool}-bottom-line", "text": heading, "at_top": True}:
            differences.append(f"{name}: after Show my summary, focus is {focused}")
        if case is not None:
            got = (shown["outcome"]["id"], [reason["id"] for reason in shown["outcome"]["reasons"]])
            if got != (case["outcome"], case["reasons"]):
                differences.append(f"{name}: the page gives {got}")
        elif with_cases and (pages := record_pages(page)) != 1:
            differences.append(f"{name}: the record prints on {pages} A4 pages")
        if differences and stop_at_first:
            break
    return differences


def clear(page) -> None:
    """Clear answers, as the reader does: the button, then the confirmation."""
    page.click("[data-action=clear]")
    page.click("[data-action=clear-yes]")
    page.wait_for_selector("[data-results]", state="hidden")


def open_tool(browser, server, tool: str, language: str, **options):
    context, page, watch = open_page(browser, server, url(tool, language), **options)
    page.clock.set_fixed_time(CLOCK)
    page.goto(server + url(tool, language))
    wait_for_status(page, READY[language])
    return context, page, watch


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("tool", TOOLS)
def test_every_worked_example_and_case_shows_exactly_the_python_result(
    browser, server, tool, language
):
    """The page shows Python's result exactly, for every worked example and the corpus's browser
    cases (whose bottom line and reasons are the protocol's), with focus on the bottom line at
    the top of a desktop's window (English) and a phone's (Welsh); every worked example's record
    prints on one A4 page."""
    context, page, watch = open_tool(browser, server, tool, language, viewport=VIEWPORTS[language])
    try:
        differences = summary_differences(page, server, tool, language, with_cases=True)
    finally:
        context.close()
    assert not differences, "\n".join(differences)
    assert not watch.console_errors and not watch.failed and not watch.foreign


# Deliberately broken copies of tools.js, each of which the comparison must catch.
MUTATIONS = {
    "every box ticked": (
        'else if (field.type === "checkbox" && field.checked)',
        'else if (field.type === "checkbox")',
    ),
    "a group dropped": (
        "for (const group of result.groups) {",
        "for (const group of result.groups.slice(1)) {",
    ),
    "a reason left out of the bottom line": (
        "list.append(...reasons.map((reason) => reasonItem(reason, labels)));",
        "list.append(...reasons.slice(1).map((reason) => reasonItem(reason, labels)));",
    ),
    "the answers that made a fact hold left out": (
        "if (reason.because.length) {",
        "if (reason.because.length > 1) {",
    ),
    "the unanswered questions before the bottom line": (
        "if (result.unanswered.questions.length) nodes.push(unansweredList(result.unanswered));",
        "if (result.unanswered.questions.length)"
        " nodes.splice(1, 0, unansweredList(result.unanswered));",
    ),
    "an action dropped from the record": (
        'for (const item of group.items) {\n          const entry = element("li");\n'
        "          entry.dataset.action = item.id;",
        'for (const item of group.items.slice(1)) {\n          const entry = element("li");\n'
        "          entry.dataset.action = item.id;",
    ),
    "two prompts swapped": (
        "for (const item of group.items) list.append(guidanceItem(item, labels));",
        "for (const item of (group.items.length > 1"
        " ? [group.items[1], group.items[0], ...group.items.slice(2)] : group.items))"
        " list.append(guidanceItem(item, labels));",
    ),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_broken_page_script_fails_the_comparison(browser, server, mutation):
    original, broken = MUTATIONS[mutation]
    script = TOOLS_JS.read_text(encoding="utf-8")
    assert script.count(original) == 1, f"tools.js changed: update the mutation {mutation!r}"
    mutated = script.replace(original, broken)
    tool = "hostility-self-assessment"  # choose-any questions, several groups, long groups
    context, page, _ = open_page(browser, server, url(tool))
    context.route(
        "**/assets/javascripts/tools.js",
        lambda route: route.fulfill(body=mutated, content_type="text/javascript"),
    )
    page.clock.set_fixed_time(CLOCK)
    try:
        page.goto(server + url(tool))
        wait_for_status(page, READY["en"])
        differences = summary_differences(page, server, tool, "en", stop_at_first=True)
    finally:
        context.close()
    assert differences, f"the comparison did not notice {mutation!r}"


def keyboard_examples(tool: str) -> list[tuple[str, str]]:
    """The example with most rules; for a tool with modes, the richest example of each mode."""
    spec = load_spec(tool)
    mode = spec.tool.mode_question
    best: dict[str, object] = {}
    for example in spec.examples:
        key = example.answers.get(mode, "") if mode else ""
        richness = (len(example.rules), len(example.answers))
        if key not in best or richness > (len(best[key].rules), len(best[key].answers)):
            best[key] = example
    return [(tool, example.name) for example in best.values()]


CASES = [case for tool in TOOLS for case in keyboard_examples(tool)]


def go_to_step(page, selector: str) -> None:
    """In a long tool, Continue (or Back) by keyboard until the question's step is shown."""
    for _ in range(20):
        direction = page.evaluate(STEP_TOWARDS, selector)
        if not direction:
            return
        page.locator(f"[data-action={direction}]").focus()
        page.keyboard.press("Enter")
        # The new step's heading takes focus, so tabbing goes on from there.
        assert page.evaluate("() => document.activeElement.tagName") == "H2"
    pytest.fail(f"the steps never reached {selector}")


def choose_with_keyboard(page, spec, answers: dict) -> None:
    """Tab to each answer's control and choose it: arrows in a radio group, Space on a box."""
    mode_question = spec.tool.mode_question
    # Questions of the other mode are hidden once the mode is chosen: nothing to tab to.
    shown = {q.id for q in active_questions(spec, answers)}
    answers = {q: a for q, a in answers.items() if q in shown}
    ordered = sorted(
        answers, key=lambda q: (q != mode_question, spec.questions.index(spec.question(q)))
    )
    for question_id in ordered:
        question = spec.question(question_id)
        go_to_step(page, f"#question-{question_id}")
        if question.kind == "choice":
            focus_by_tab(page, f"{question_id}-{question.options[0]}")
            steps = question.options.index(answers[question_id])
            if steps == 0:
                page.keyboard.press("Space")
            for _ in range(steps):
                page.keyboard.press("ArrowRight")
            assert page.is_checked(f"#{question_id}-{answers[question_id]}")
        else:
            for item in answers[question_id]:
                focus_by_tab(page, f"{question_id}-{item}")
                page.keyboard.press("Space")
                assert page.is_checked(f"#{question_id}-{item}")


# The keys do the same in either language, and every example is compared in both languages by
# the test above: each case is completed by keyboard in one language, the languages taken in turn.
KEYBOARD_CASES = [
    (tool, name, "en" if index % 2 == 0 else "cy") for index, (tool, name) in enumerate(CASES)
]


@pytest.mark.parametrize(("tool", "name", "language"), KEYBOARD_CASES, ids=lambda value: value)
def test_keyboard_completion_gives_the_python_results(browser, server, tool, name, language):
    spec = load_spec(tool)
    example = next(example for example in spec.examples if example.name == name)
    base = server + site.language_root(language)
    result = evaluate(spec, example.answers, language, base_url=base, prepared_at=NOW)
    expected = json.loads(json.dumps(as_shown(result)))
    context, page, watch = open_page(browser, server, url(tool, language))
    page.clock.set_fixed_time(CLOCK)
    try:
        # The keyboard works while the engine loads; the summary waits for it.
        page.goto(server + url(tool, language))
        page.wait_for_selector("[data-action=summary]:not([hidden])")
        before = axe_violations(page)
        choose_with_keyboard(page, spec, example.answers)
        page.locator("[data-action=summary]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-results]:not([hidden])")
        focused = page.evaluate("() => document.activeElement.id")
        shown = page.evaluate(READ_SUMMARY)
        after = axe_violations(page)
        storage = page.evaluate(STORAGE_SNAPSHOT)
        csp = csp_violations(page)
    finally:
        context.close()
    assert focused == f"{tool}-bottom-line"
    assert shown == expected, first_difference(shown, expected)
    assert not before and not after, before + after
    assert not csp and not watch.console_errors and not watch.failed and not watch.foreign
    assert not any(
        storage[key] for key in ("localStorage", "sessionStorage", "indexedDB", "caches")
    )


@pytest.mark.parametrize("tool", TOOLS)
def test_hostile_input_in_every_free_text_field(browser, server, tool):
    context, page, watch = open_page(browser, server, url(tool), accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page.goto(server + url(tool))
        fields = page.locator("[data-form] input[type=text], [data-form] textarea")
        count = fields.count()
        for index in range(count):
            # One field gets all 100,000 characters; the rest the markup, controls and scripts.
            field_id = fields.nth(index).get_attribute("id")
            reach(page, f"#{field_id}").fill(HOSTILE if index == 0 else HOSTILE[:200])
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        shown = page.locator("[data-results]").inner_text()
        injected = page.locator("[data-results] img, [data-results] script").count()
        with page.expect_download() as download_info:
            page.click("[data-action=download-markdown]")
        downloaded = download_info.value.path().read_text(encoding="utf-8")
        xss = page.evaluate("() => window.__xss")
        page.click("[data-action=copy]")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        page.emulate_media(media="print")
        printed = page.locator("[data-results]").inner_text()
    finally:
        context.close()
    assert count >= 1
    assert "<script>window.__xss = 1</script>" in copied and "🙂" in copied
    assert "<script>window.__xss = 1</script>" in printed
    assert "<script>window.__xss = 1</script>" in shown and "ŵ ŷ" in shown and "🙂" in shown
    assert injected == 0 and xss is None
    # The Markdown record escapes what was typed, so it cannot become markup anywhere.
    assert "\\<script\\>window\\.\\_\\_xss \\= 1\\</script\\>" in downloaded
    assert "<script>" not in downloaded
    assert not watch.console_errors


def assert_fillable_and_printable(page, javascript: bool = True) -> None:
    # With JavaScript, "Show my summary" never disappears (pressing it tries again); without,
    # it never appears.
    assert page.locator("[data-action=summary]").is_visible() == javascript
    first = page.locator("[data-form] input").first
    first.check()
    assert first.is_checked()
    page.emulate_media(media="print")
    assert page.locator(".mawwsb-tool__guidance").is_visible()
    # Every section prints, even in a long tool shown one step at a time, and no step control.
    sections = page.locator("[data-form] > [data-step]:not([hidden])")
    assert sections.count() >= 2
    for index in range(sections.count()):
        assert sections.nth(index).is_visible(), index
    for control in page.locator(".mawwsb-steps__nav, .mawwsb-check, .mawwsb-steps__progress").all():
        assert not control.is_visible()
    page.emulate_media(media="screen")


@pytest.mark.parametrize("tool", TOOLS)
def test_usable_and_printable_without_the_engine(browser, server, tool):
    for options, javascript, message in (
        ({}, True, FAILED["en"]),
        ({"java_script_enabled": False}, False, "JavaScript is turned off"),
    ):
        context, page, _ = open_page(browser, server, url(tool), **options)
        if javascript:
            context.route("**/assets/pyodide/**", lambda r: r.fulfill(status=404, body="gone"))
        try:
            page.goto(server + url(tool))
            wait_for_status(page, message)
            assert page.locator("[data-action=retry]").is_visible() == javascript
            assert_fillable_and_printable(page, javascript)
        finally:
            context.close()


@pytest.mark.parametrize("tool", TOOLS)
def test_webassembly_blocked_by_the_host_policy(browser, server, tool):
    """A host whose policy lacks 'wasm-unsafe-eval': the engine cannot start, and the page
    says so at once (the worker tries to compile WebAssembly first), not after a timeout."""
    context, page, _ = open_page(browser, server, url(tool))

    def strict_worker(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'"}
        route.fulfill(response=response, headers=headers)

    context.route("**/assets/javascripts/tools-worker.js", strict_worker)
    try:
        page.goto(server + url(tool))
        wait_for_status(page, "block WebAssembly", timeout_s=5)
        assert page.locator("[data-action=retry]").is_hidden()  # trying again cannot help
        assert_fillable_and_printable(page)
    finally:
        context.close()


@pytest.mark.parametrize("tool", TOOLS)
def test_slow_network_form_usable_while_the_engine_loads(browser, server, tool):
    """The engine is held back until the reader has used the form and asked for the summary:
    the form works at once, the page says the summary is being prepared, and the summary comes
    when the engine does."""
    context, page, watch = open_page(browser, server, url(tool))
    held, released = [], []

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route("**/assets/pyodide/**", hold)
    try:
        with page.expect_request(lambda request: "/assets/pyodide/" in request.url):
            page.goto(server + url(tool))
            page.wait_for_selector("[data-action=summary]:not([hidden])")
            preparing = page.locator("[data-status]").inner_text()
            first = page.locator("[data-form] input").first
            first.check()
            checked_while_loading = first.is_checked()
            page.click("[data-action=summary]")  # asked before the engine is ready
        results_hidden = page.locator("[data-results]").is_hidden()
        released.append(True)
        for route in held:
            route.continue_()
        page.wait_for_selector("[data-results]:not([hidden])", timeout=60000)
        ready = page.locator("[data-status]").inner_text()
    finally:
        context.close()
    assert held, "no engine request was held back"
    assert "Getting your summary ready on this device" in preparing
    assert checked_while_loading and results_hidden
    assert "Your summary is ready." in ready
    assert not watch.console_errors
