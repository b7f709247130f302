"""Every tool in Chromium, driven from its spec: keyboard-only completion of a worked example
with the same results Python gives on CPython, accessibility after results, every free-text
field fed hostile input, and the form usable and printable without the engine or JavaScript.
(The pre-visit checklist's own detailed tests are in test_tool_browser.py.)"""

import time

import pytest

from mawwsb_tools import evaluate, load_spec
from mawwsb_tools.engine import active_questions
from tests.test_browser import STORAGE_SNAPSHOT, axe_violations, csp_violations, open_page
from tests.test_tool_browser import HOSTILE, focus_by_tab, wait_for_status
from tests.tools.test_logic import TOOLS

READY = {"en": "can be turned into a summary", "cy": "Gellir troi eich atebion"}
FAILED = {"en": "could not be prepared", "cy": "Nid oedd modd paratoi"}


def url(tool: str, language: str = "en") -> str:
    return ("cy/" if language == "cy" else "") + f"tools/{tool}/"


def keyboard_examples(tool: str) -> list[tuple[str, str]]:
    """The example with most rules; for a tool with modes, the richest example of each mode."""
    spec = load_spec(tool)
    mode = spec.tool.get("mode_question")
    best: dict[str, dict] = {}
    for example in spec.examples:
        key = example["answers"].get(mode, "") if mode else ""
        richness = (len(example["rules"]), len(example["answers"]))
        if key not in best or richness > (len(best[key]["rules"]), len(best[key]["answers"])):
            best[key] = example
    return [(tool, example["name"]) for example in best.values()]


CASES = [case for tool in TOOLS for case in keyboard_examples(tool)]


def choose_with_keyboard(page, spec, answers: dict) -> None:
    """Tab to each answer's control and choose it: arrows in a radio group, Space on a box."""
    mode_question = spec.tool.get("mode_question")
    # Questions of the other mode are hidden once the mode is chosen: nothing to tab to.
    shown = {q["id"] for q in active_questions(spec, answers)}
    answers = {q: a for q, a in answers.items() if q in shown}
    ordered = sorted(
        answers, key=lambda q: (q != mode_question, spec.questions.index(spec.question(q)))
    )
    for question_id in ordered:
        question = spec.question(question_id)
        if question["kind"] == "choice":
            focus_by_tab(page, f"{question_id}-{question['options'][0]}")
            steps = question["options"].index(answers[question_id])
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


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("tool", "name"), CASES, ids=lambda value: value)
def test_keyboard_completion_gives_the_python_results(browser, server, tool, name, language):
    spec = load_spec(tool)
    example = next(example for example in spec.examples if example["name"] == name)
    expected = evaluate(spec, example["answers"], language)
    context, page, watch = open_page(browser, server, url(tool, language))
    try:
        page.goto(server + url(tool, language))
        wait_for_status(page, READY[language])
        before = axe_violations(page)
        choose_with_keyboard(page, spec, example["answers"])
        page.locator("[data-action=summary]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-results]:not([hidden])")
        focused = page.evaluate("() => document.activeElement.id")
        shown = page.locator("[data-results]").inner_text()
        after = axe_violations(page)
        storage = page.evaluate(STORAGE_SNAPSHOT)
        csp = csp_violations(page)
    finally:
        context.close()
    assert focused == f"{tool}-summary"
    for group in expected["groups"]:
        assert group["title"] in shown
        for item in group["items"]:
            assert item["prompt"] in shown, item["prompt"]
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
        wait_for_status(page, READY["en"])
        fields = page.locator("[data-form] input[type=text], [data-form] textarea")
        count = fields.count()
        for index in range(count):
            # One field gets all 100,000 characters; the rest the markup, controls and scripts.
            fields.nth(index).fill(HOSTILE if index == 0 else HOSTILE[:200])
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
    assert "\\<script\\>window\\.\\_\\_xss = 1\\</script\\>" in downloaded
    assert "<script>" not in downloaded
    assert not watch.console_errors


@pytest.mark.parametrize("tool", TOOLS)
def test_usable_and_printable_without_the_engine(browser, server, tool):
    for options, route, message in (
        ({}, True, FAILED["en"]),
        ({"java_script_enabled": False}, False, "JavaScript is turned off"),
    ):
        context, page, _ = open_page(browser, server, url(tool), **options)
        if route:
            context.route("**/assets/pyodide/**", lambda r: r.fulfill(status=404, body="gone"))
        try:
            page.goto(server + url(tool))
            started = time.monotonic()
            wait_for_status(page, message)
            assert time.monotonic() - started < 35
            assert page.locator("[data-action=summary]").is_hidden()
            page.locator("[data-form] input").first.check()
            page.emulate_media(media="print")
            assert page.locator(".mawwsb-tool__guidance").is_visible()
        finally:
            context.close()


@pytest.mark.parametrize("tool", TOOLS)
def test_webassembly_blocked_by_the_host_policy(browser, server, tool):
    """A host whose policy lacks 'wasm-unsafe-eval': the engine never starts; the page says so."""
    context, page, _ = open_page(browser, server, url(tool))

    def strict_worker(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'"}
        route.fulfill(response=response, headers=headers)

    context.route("**/assets/javascripts/tools-worker.js", strict_worker)
    try:
        page.goto(server + url(tool))
        started = time.monotonic()
        wait_for_status(page, FAILED["en"])
        assert time.monotonic() - started < 35
        page.locator("[data-form] input").first.check()
        assert page.locator(".mawwsb-tool__guidance").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("tool", TOOLS)
def test_slow_network_form_usable_while_the_engine_loads(browser, server, tool):
    """The engine arrives slowly (each engine file held back 3 s): the form is usable at once,
    the page says the summary is being prepared, and the summary comes when the engine does."""
    context, page, watch = open_page(browser, server, url(tool))

    def slowly(route):
        time.sleep(3)
        route.continue_()

    context.route("**/assets/pyodide/**", slowly)
    try:
        page.goto(server + url(tool))
        page.wait_for_selector("[data-action=summary]:not([hidden])")
        preparing = page.locator("[data-status]").inner_text()
        first = page.locator("[data-form] input").first
        first.check()
        checked_while_loading = first.is_checked()
        page.click("[data-action=summary]")  # asked before the engine is ready
        page.wait_for_selector("[data-results]:not([hidden])", timeout=60000)
        ready = page.locator("[data-status]").inner_text()
    finally:
        context.close()
    assert "Preparing your summary" in preparing
    assert checked_while_loading
    assert "Your summary is ready." in ready
    assert not watch.console_errors
