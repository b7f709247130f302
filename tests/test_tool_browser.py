"""The pre-visit safety checklist in Chromium: keyboard use, summary, copy, download, print,
clear, language switch, privacy, accessibility, faults and hostile input."""

import re

import pytest
from playwright.sync_api import expect

from tests.test_browser import (
    NOTHING_STORED,
    STORAGE_SNAPSHOT,
    axe_violations,
    csp_violations,
    leave_warnings,
    open_page,
    settle,
)

TOOL = "tools/pre-visit-checklist/"
# Question id -> the option to choose (or the boxes to tick), in form order: a father who made
# a veiled threat and keeps a dog (reported), a lone visit planned, no phone, no plan agreed.
ANSWERS = {
    "immediate-danger": "no",
    "hostile-before": "yes",
    "threats-known": ["covert", "dogs-as-threat"],
    "incident-reported": "yes",
    "case-file-alert": "no",
    "police-informed": "not-sure",
    "action-plan-agreed": "no",
    "worker-afraid": "no",
    "child-seen": "yes",
    "joint-visit": "no",
    "car-targeted": "yes",
    "means-of-help": "no",
    "neutral-venue": "not-sure",
    "colleagues-aware": "yes",
    "non-return-procedure": "not-sure",
    "manager-has-details": "yes",
    "family-can-contact-work": "no",
    "basic-precautions": "yes",
    "social-networking-secure": "not-applicable",
    "safety-training": "yes",
    "continue-effectively": "no",
}
OPTION_ORDER = ["yes", "no", "not-sure", "not-applicable"]
HOSTILE = (
    "<script>window.__xss = 1</script><img src=x onerror='window.__xss = 2'>"
    " \x07\x1b[31m \u202eتجربة\u202c 🙂 ŵ ŷ Ŵ Ŷ " + "A" * 100_000
)
PRINT_SPY = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def wait_for_status(page, *fragments: str, timeout_s: float = 60) -> str:
    """Playwright's own wait until the tool's status shows one of the fragments."""
    pattern = re.compile("|".join(re.escape(fragment) for fragment in fragments))
    status = page.locator("[data-status]")
    expect(status).to_contain_text(pattern, timeout=timeout_s * 1000, use_inner_text=True)
    return status.inner_text()


# Which way a long tool's steps must go for a field to be on screen: "" if it is already.
STEP_TOWARDS = """(selector) => {
  if (!document.querySelector(".mawwsb-tool--steps")) return "";  // a one-page tool
  const steps = [
    ...document.querySelectorAll("[data-form] > [data-step]:not([hidden]), [data-check]"),
  ];
  const target = document.querySelector(selector).closest("[data-step], [data-check]");
  const current = steps.findIndex((step) => !step.classList.contains("mawwsb-step--inactive"));
  const wanted = steps.indexOf(target);
  return wanted > current ? "step-continue" : wanted < current ? "step-back" : "";
}"""


def reach(page, selector: str, limit: int = 20):
    """Continue (or go Back) through a long tool's steps, as a reader would, until the field
    is on screen; in a one-page tool it already is."""
    for _ in range(limit):
        direction = page.evaluate(STEP_TOWARDS, selector)
        if not direction:
            return page.locator(selector)
        page.click(f"[data-action={direction}]")
    pytest.fail(f"the steps never reached {selector}")


def focus_by_tab(page, element_id: str, limit: int = 200) -> None:
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def at_page(address: str):
    """The page at this address, at any section of it: the language link carries the section
    the reader has scrolled to (language-link.js)."""
    return re.compile(re.escape(address) + r"(#[\w-]+)?$")


def tab_to_question(page, question: str, limit: int = 5) -> None:
    """Tab on (past a section's source, say) until a field of the question has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == question:
            return
    pytest.fail(f"Tab never reached {question}")


def answer_with_keyboard(page) -> None:
    """Tab into each radio group and choose with the arrow keys (Space for the first option);
    Tab to each box and tick it with Space."""
    first = next(iter(ANSWERS))
    focus_by_tab(page, f"{first}-yes")
    for question, choice in ANSWERS.items():
        if question != first:
            tab_to_question(page, question)
        if isinstance(choice, list):
            boxes = page.eval_on_selector_all(f"[name={question}]", "all => all.map(b => b.value)")
            for index, value in enumerate(boxes):
                if index:
                    page.keyboard.press("Tab")
                if value in choice:
                    page.keyboard.press("Space")
            assert [b for b in boxes if page.is_checked(f"#{question}-{b}")] == choice
            continue
        steps = OPTION_ORDER.index(choice)
        if steps == 0:
            page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        assert page.is_checked(f"#{question}-{choice}"), question


def test_complete_with_the_keyboard_only_and_get_the_summary(browser, server):
    context, page, watch = open_page(browser, server, TOOL, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(PRINT_SPY)
    try:
        page.goto(server + TOOL)
        wait_for_status(page, "can be turned into a summary")
        answer_with_keyboard(page)
        focus_by_tab(page, "note-check-in")
        page.keyboard.type("Call the office by 3pm")
        assert page.input_value("#note-check-in") == "Call the office by 3pm"
        focus_by_tab(page, "")  # move on: the summary button has no id, find it by role
        page.locator("[data-action=summary]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-results]:not([hidden])")
        wait_for_status(page, "Your summary is ready.")
        focused = page.evaluate("() => document.activeElement.id")
        summary = page.locator("[data-results]").inner_text()
        after_axe = axe_violations(page)

        with page.expect_download() as download_info:
            page.click("[data-action=download]")
        downloaded = download_info.value.path().read_text(encoding="utf-8")
        page.click("[data-action=copy]")
        wait_for_status(page, "Summary copied.")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        page.click("[data-results] [data-action=print]")
        printed = page.evaluate("() => window.__printed")
        storage = page.evaluate(STORAGE_SNAPSHOT)
        csp = csp_violations(page)
    finally:
        context.close()

    assert focused == "pre-visit-checklist-bottom-line"
    # The bottom line first, with its reasons (a veiled threat is a threat: act now) and the
    # less urgent facts; then the 999 line and the actions; the full guidance last.
    in_order = [
        "Act now, before you plan this visit any further.",
        "A threat of violence has been made, openly or covertly (implied).",
        "A dog, another animal or a weapon has been used as a threat.",
        "There is no mobile phone or other means of summoning help.",
        "If you identify immediate danger, dial 999.",
        "Tell your manager about the threat or violence before you plan this visit any further",
        "Full guidance",
        "Professionals should not:",
    ]
    positions = [summary.find(expected) for expected in in_order]
    assert -1 not in positions, [e for e, p in zip(in_order, positions, strict=True) if p < 0]
    assert positions == sorted(positions), positions
    for also in ("Consider going by taxi", "Plan with your manager what you will do about the dog"):
        assert positions[4] < summary.find(also) < positions[6], also
    assert "Call the office by 3pm" in summary
    assert "Make sure your manager has your mobile phone number" not in summary  # answered Yes
    for output in (downloaded, copied):
        assert "Should this visit be made jointly with a colleague or manager? No" in output
        assert "Call the office by 3pm" in output
        assert "appendices/keeping-professionals-safe/#before-contact" in output
    assert printed == 1
    assert not after_axe, after_axe
    assert not csp and not watch.console_errors and not watch.failed and not watch.foreign
    assert storage == NOTHING_STORED


def test_clear_answers(browser, server):
    context, page, _ = open_page(browser, server, TOOL)
    try:
        page.goto(server + TOOL)
        wait_for_status(page, "can be turned into a summary")
        page.check("#joint-visit-yes")
        page.fill("#note-visit-notes", "something")
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        page.click("[data-action=clear]")
        page.click("[data-action=clear-yes]")
        wait_for_status(page, "Your answers have been cleared.")
        assert not page.is_checked("#joint-visit-yes")
        assert page.input_value("#note-visit-notes") == ""
        assert page.locator("[data-results]").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("start", "other", "link"), [("", "cy/", "Cymraeg"), ("cy/", "", "English")]
)
def test_language_switch_keeps_the_answers(browser, server, start, other, link):
    context, page, watch = open_page(browser, server, start + TOOL)
    try:
        page.goto(server + start + TOOL)
        page.check("#car-targeted-not-applicable")
        page.check("#continue-effectively-no")
        page.fill("#note-who-to-call", "Duty team ŵ")
        page.click(f"a[data-language-link]:has-text('{link}')")
        page.wait_for_url(at_page(server + other + TOOL))
        page.wait_for_selector("[data-action=summary]:not([hidden])")
        checked = page.is_checked("#car-targeted-not-applicable") and page.is_checked(
            "#continue-effectively-no"
        )
        note = page.input_value("#note-who-to-call")
        carried = page.evaluate("() => window.name")
        storage = page.evaluate(STORAGE_SNAPSHOT)
    finally:
        context.close()
    assert checked and note == "Duty team ŵ"
    assert carried == ""  # read once and forgotten
    assert not storage["localStorage"] and not storage["sessionStorage"]
    # Leaving the first page cancels its engine download; nothing else may fail.
    assert not watch.console_errors
    assert not [failure for failure in watch.failed if "ERR_ABORTED" not in failure]


def test_hostile_input_is_shown_as_text(browser, server):
    context, page, watch = open_page(browser, server, TOOL, accept_downloads=True)
    try:
        page.goto(server + TOOL)
        wait_for_status(page, "can be turned into a summary")
        page.fill("#note-visit-notes", HOSTILE)
        page.fill("#note-who-to-call", "<b>bold</b> \u202eright-to-left")
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        shown = page.locator("[data-results]").inner_text()
        injected = page.locator(
            "[data-results] img, [data-results] script, [data-results] b"
        ).count()
        xss = page.evaluate("() => window.__xss")
        with page.expect_download() as download_info:
            page.click("[data-action=download]")
        downloaded = download_info.value.path().read_text(encoding="utf-8")
    finally:
        context.close()
    assert "<script>window.__xss = 1</script>" in shown and "<b>bold</b>" in shown
    assert "ŵ ŷ Ŵ Ŷ" in shown and "🙂" in shown and "A" * 100_000 in shown
    assert injected == 0 and xss is None
    assert HOSTILE.strip() in downloaded
    assert not watch.console_errors


def assert_usable_without_engine(page, message: str) -> None:
    wait_for_status(page, message)
    # With JavaScript "Show my summary" stays (it tries again); without, it never appears.
    javascript = "JavaScript is turned off" not in message
    assert page.locator("[data-action=summary]").is_visible() == javascript
    page.check("#joint-visit-yes")
    page.fill("#note-check-in", "3pm")
    assert page.is_checked("#joint-visit-yes")
    # Every piece of guidance is on the page (with JavaScript, behind its button), and prints.
    guidance = page.locator(".mawwsb-tool__guidance")
    if javascript:
        assert "Arrange for a colleague or manager" not in guidance.inner_text()
        toggle = page.locator("[data-toggle-guidance]")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    assert "Arrange for a colleague or manager" in guidance.inner_text()
    if javascript:
        page.locator("[data-toggle-guidance]").click()  # closed again: print opens it
    page.emulate_media(media="print")
    assert guidance.is_visible()
    assert "Arrange for a colleague or manager" in guidance.inner_text()
    assert page.locator(".md-header").is_hidden()


def test_engine_files_missing(browser, server):
    context, page, _ = open_page(browser, server, TOOL)
    context.route("**/assets/pyodide/**", lambda route: route.fulfill(status=404, body="gone"))
    try:
        page.goto(server + TOOL)
        # A missing file fails the engine at once (there is no deadline to wait for).
        wait_for_status(page, "could not be prepared", timeout_s=10)
        assert_usable_without_engine(page, "could not be prepared")
    finally:
        context.close()


def test_javascript_disabled(browser, server):
    context, page, _ = open_page(browser, server, TOOL, java_script_enabled=False)
    try:
        page.goto(server + TOOL)
        assert "JavaScript is turned off" in page.locator("[data-status]").inner_text()
        assert_usable_without_engine(page, "JavaScript is turned off")
    finally:
        context.close()


def test_csp_violations_are_caught_by_the_sweep(browser, server):
    """The sweep's violation listener works: an inline script is refused and recorded."""
    context, page, _ = open_page(browser, server, "")
    try:
        page.goto(server)
        # Resolves when the page reports the violation (the event comes in a later task).
        page.evaluate(
            """() => new Promise((reported) => {
              document.addEventListener("securitypolicyviolation", reported, { once: true });
              const script = document.createElement("script");
              script.textContent = "window.__ran = 1";
              document.body.append(script);
            })"""
        )
        assert page.evaluate("() => window.__ran") is None
        assert any("script-src" in v for v in csp_violations(page))
    finally:
        context.close()


def test_pages_without_a_tool_load_no_engine(browser, server):
    context, page, watch = open_page(browser, server, "")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(server + "appendices/keeping-professionals-safe/")
        settle(page, watch)  # everything the page will fetch has been fetched
    finally:
        context.close()
    assert not [url for url in requested if "pyodide" in url or "tools" in url], requested


def test_warning_before_leaving_with_answers(browser, server):
    context, page, _ = open_page(browser, server, TOOL)
    try:
        page.goto(server + TOOL)
        page.check("#joint-visit-no")
        dialogs = leave_warnings(page)
        kept = page.is_checked("#joint-visit-no")
    finally:
        context.close()
    assert dialogs == ["beforeunload"] and kept
