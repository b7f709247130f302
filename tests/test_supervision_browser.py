"""The supervision question set in Chromium: modes switch without losing answers; action-plan
rows are added and removed with an announcement and sensible focus; the record holds every
answer and escapes what was typed."""

from tests.test_browser import axe_violations, open_page
from tests.test_tool_browser import focus_by_tab, reach, wait_for_status

TOOL = "tools/supervision-questions/"


def test_modes_switch_without_losing_answers(browser, server):
    context, page, watch = open_page(browser, server, TOOL)
    try:
        page.goto(server + TOOL)
        wait_for_status(page, "can be turned into a summary")
        focus_by_tab(page, "mode-supervisee")
        page.keyboard.press("Space")  # supervisee
        reach(page, "#intimidated-or-afraid-yes").check()
        page.fill("#note-intimidated-or-afraid", "After the last visit")
        supervisor_hidden = page.locator("#behaviour-inhibiting-work-yes").is_hidden()
        reach(page, "#mode-supervisee").focus()
        page.keyboard.press("ArrowRight")  # supervisor
        reach(page, "#behaviour-inhibiting-work-yes").check()
        supervisee_hidden = page.locator("#intimidated-or-afraid-yes").is_hidden()
        reach(page, "#mode-supervisor").focus()
        page.keyboard.press("ArrowLeft")  # back to supervisee: the answers are still there
        kept = page.is_checked("#intimidated-or-afraid-yes") and (
            page.input_value("#note-intimidated-or-afraid") == "After the last visit"
        )
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        record = page.locator("[data-results]").inner_text()
    finally:
        context.close()
    assert supervisor_hidden and supervisee_hidden and kept
    assert "Mode: I am preparing for supervision" in record
    assert "After the last visit" in record
    assert "Is the service user" not in record  # the supervisor's question is not in this record
    assert not watch.console_errors


def test_action_plan_rows_are_added_and_removed_accessibly(browser, server):
    context, page, watch = open_page(browser, server, TOOL, accept_downloads=True)
    try:
        page.goto(server + TOOL)
        wait_for_status(page, "can be turned into a summary")
        page.check("#mode-supervisor")
        reach(page, "#plan-1-risk").fill("First risk")
        page.fill("#plan-2-risk", "Second <b>risk</b>")
        page.check("#plan-2-agreed-yes")
        page.locator("[data-action=add-row]").focus()
        page.keyboard.press("Enter")
        added = page.locator("[data-status]").inner_text()
        focus_after_add = page.evaluate("() => document.activeElement.id")
        page.keyboard.type("Third risk")
        page.locator("[data-plan-row]").nth(0).locator("[data-action=remove-row]").focus()
        page.keyboard.press("Enter")
        removed = page.locator("[data-status]").inner_text()
        focus_after_remove = page.evaluate("() => document.activeElement.id")
        legends = page.locator("[data-plan-row] > legend").all_inner_texts()
        violations = axe_violations(page)
        first_row = page.input_value("#plan-1-risk")
        second_agreed = page.is_checked("#plan-1-agreed-yes")
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        with page.expect_download() as download_info:
            page.click("[data-action=download-markdown]")
        record = download_info.value.path().read_text(encoding="utf-8")
    finally:
        context.close()
    assert added == "Risk 3 added." and focus_after_add == "plan-3-risk"
    assert removed == "Risk 1 removed." and focus_after_remove == "plan-1-risk"
    assert legends == ["Risk 1", "Risk 2"]
    assert not violations, violations
    assert first_row == "Second <b>risk</b>" and second_agreed  # renumbered with its values
    assert "First risk" not in record
    assert "Second \\<b\\>risk\\</b\\>" in record and "Third risk" in record
    assert "I am the supervisor" in record
    assert not watch.console_errors


def test_the_supervisor_is_asked_in_the_supervisors_voice(browser, server):
    """Section 7's questions, shared by both modes, are put to the supervisor about the worker,
    with the Welsh answers that verb takes; the deliberate-threat question is in both modes."""
    path = "cy/" + TOOL
    context, page, _ = open_page(browser, server, path)
    context.route("**/assets/pyodide/**", lambda route: route.abort())  # no engine needed
    legend = "#question-intimidated-or-afraid > legend"
    label = "label[for=intimidated-or-afraid-yes]"

    def asked():
        return page.locator(legend).inner_text(), page.locator(label).inner_text()

    try:
        page.goto(server + path)
        page.wait_for_selector("[data-action=summary]:not([hidden])")
        hints_hidden = page.locator("[data-mode-hint]").evaluate_all(
            "(hints) => hints.length > 0 && hints.every((hint) => hint.hidden)"
        )
        before = asked()
        page.check("#mode-supervisor")
        as_supervisor = asked()
        threat_asked = page.locator("#question-deliberately-threatening").count() == 1
        page.check("#mode-supervisee")
        as_supervisee = asked()
    finally:
        context.close()
    assert hints_hidden
    worker = ("A ydych yn cael eich bygylu gan yr unigolyn, neu a oes arnoch ei ofn?", "Ydw")
    assert before == worker and as_supervisee == worker
    assert as_supervisor == (
        "A yw'r gweithiwr yn cael ei fygylu gan yr unigolyn, neu'n ei ofni?",
        "Ydy",
    )
    assert threat_asked
