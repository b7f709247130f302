"""The long tools in short steps, in Chromium: by keyboard through every step to "Check your
answers", where "Change" goes back to the right question and "Back to check your answers"
returns; axe finds nothing on any step; a question the summary lists as unanswered opens on
its step. (Without JavaScript the same sections are one form that fills and prints: see
test_usable_and_printable_without_the_engine.)"""

import json

import pytest

from mawwsb_tools import evaluate, load_spec
from tests import site
from tests.test_browser import axe_violations, open_page
from tests.test_tool_browser import wait_for_status
from tests.test_tools_browser import (
    CLOCK,
    NOW,
    READ_SUMMARY,
    READY,
    as_shown,
    choose_with_keyboard,
    first_difference,
    url,
)

LONG = [tool for tool in site.tool_ids() if load_spec(tool).tool.steps]
STRINGS = {
    "en": {"step": "Step {n} of {total}", "check": "Check your answers", "back": "Back to check"},
    "cy": {"step": "Cam {n} o {total}", "check": "Gwiriwch eich atebion", "back": "Yn ôl i wirio"},
}
# Per tool: a worked example whose answers fall on several steps, and a question to change.
CASES = {
    "hostility-self-assessment": ("confrontation with effects on the professional", "en"),
    "supervision-questions": ("supervisor not asked proactively", "cy"),
}
# The question whose answer "Change" alters: answered in the example, not with its second option.
CHANGE = {
    "hostility-self-assessment": "prepared-for-hostility",
    "supervision-questions": "asked-proactively",
}


def press(page, action: str) -> None:
    """A step button by keyboard: focused, then Enter."""
    page.locator(f"[data-action={action}]").focus()
    page.keyboard.press("Enter")


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.id")


def focused_tag(page) -> str:
    return page.evaluate("() => document.activeElement.tagName")


def check_entry(page, question_text: str) -> str:
    """The answer "Check your answers" shows for a question."""
    return page.evaluate(
        """(text) => {
          const term = [...document.querySelectorAll(".mawwsb-check__list dt")]
            .find((dt) => dt.textContent === text);
          return term ? term.nextElementSibling.textContent : null;
        }""",
        question_text,
    )


def test_every_long_tool_is_in_steps():
    assert set(LONG) == set(CASES)


@pytest.mark.parametrize("tool", LONG)
def test_by_keyboard_through_the_steps_then_check_and_change(browser, server, tool):
    name, language = CASES[tool]
    spec = load_spec(tool)
    example = next(example for example in spec.examples if example.name == name)
    strings = STRINGS[language]
    context, page, watch = open_page(browser, server, url(tool, language))
    page.clock.set_fixed_time(CLOCK)
    try:
        page.goto(server + url(tool, language))
        wait_for_status(page, READY[language])
        choose_with_keyboard(page, spec, example.answers)
        # On through every remaining step to "Check your answers", checking each as it comes.
        seen, violations = [], []
        while page.locator("[data-action=step-continue]").is_visible():
            press(page, "step-continue")
            assert focused_tag(page) == "H2"  # the step's heading, so Tab goes on from there
            seen.append(page.locator(".mawwsb-steps__progress").inner_text())
            violations += axe_violations(page)
        total = page.locator("[data-form] > [data-step]:not([hidden])").count() + 1
        at_check = page.evaluate("() => document.activeElement.id")
        heading = page.locator(f"#{tool}-check").inner_text()
        question = spec.question(CHANGE[tool])
        before = check_entry(page, question.text[language])
        # "Change" goes to the question's first answer, on its own step.
        page.locator(f".mawwsb-check__list a[data-change='{CHANGE[tool]}-yes']").focus()
        page.keyboard.press("Enter")
        on_question = focused(page)
        back_label = page.locator("[data-action=step-continue]").inner_text()
        page.keyboard.press("ArrowRight")  # from the first answer to the second
        answers = {**example.answers, question.id: question.options[1]}
        press(page, "step-continue")  # "Back to check your answers"
        back_at_check = page.evaluate("() => document.activeElement.id")
        after = check_entry(page, question.text[language])
        violations += axe_violations(page)
        page.locator("[data-action=summary]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-results]:not([hidden])")
        shown = page.evaluate(READ_SUMMARY)
    finally:
        context.close()
    assert seen[-1] == strings["step"].replace("{n}", str(total)).replace("{total}", str(total))
    assert at_check == back_at_check == f"{tool}-check" and heading == strings["check"]
    assert on_question == f"{question.id}-yes"
    assert back_label.startswith(strings["back"])
    label = {option: spec.answer_label(question, option)[language] for option in question.options}
    assert before == label[example.answers[question.id]]
    assert after == label[question.options[1]]
    base = server + site.language_root(language)
    expected = json.loads(
        json.dumps(as_shown(evaluate(spec, answers, language, base_url=base, prepared_at=NOW)))
    )
    assert shown == expected, first_difference(shown, expected)
    assert not violations, violations
    assert not watch.console_errors and not watch.failed and not watch.foreign


@pytest.mark.parametrize("tool", LONG)
def test_an_unanswered_question_opens_on_its_step(browser, server, tool):
    spec = load_spec(tool)
    context, page, _ = open_page(browser, server, url(tool))
    try:
        page.goto(server + url(tool))
        wait_for_status(page, READY["en"])
        page.click("[data-action=summary]")
        page.wait_for_selector("[data-results]:not([hidden])")
        links = page.locator("[data-part=unanswered] a[data-question]")
        last = links.last  # a question on a later step than the first
        question_id = last.get_attribute("data-question")
        last.click()
        on_question = focused(page)
        visible = page.locator(f"#question-{question_id}").is_visible()
        step = page.locator(".mawwsb-steps__progress").inner_text()
    finally:
        context.close()
    question = spec.question(question_id)
    assert on_question == f"{question_id}-{question.options[0]}"
    assert visible and not step.startswith("Step 1 ")


# The steps the keyboard test above does not walk through with axe: the supervisee's (the
# hostility self-assessment's steps and the supervisor's are checked there).
AXE_CASES = [("supervision-questions", "supervisee", "en")]


@pytest.mark.parametrize(("tool", "mode", "language"), AXE_CASES)
def test_axe_finds_nothing_on_any_step(browser, server, tool, mode, language):
    context, page, watch = open_page(browser, server, url(tool, language))
    try:
        page.goto(server + url(tool, language))
        wait_for_status(page, READY[language])
        if mode:
            page.check(f"#mode-{mode}")
        violations = axe_violations(page)
        steps = 1
        while page.locator("[data-action=step-continue]").is_visible():
            press(page, "step-continue")
            steps += 1
            violations += axe_violations(page)
        at_check = focused(page)
    finally:
        context.close()
    assert at_check == f"{tool}-check" and steps >= 5
    assert not violations, violations
    assert not watch.console_errors


def test_items_read_on_from_their_lead_in_in_the_form_and_when_checked(browser, server):
    """The protocol's nested list (Welsh review T10): the first six collusion items sit under
    "yn cydgynllwynio â hwy…, e.e.:", announced with each; "Check your answers" words the
    choice exactly as the engine does."""
    from tests.test_tool_browser import reach

    tool, language = "hostility-self-assessment", "cy"
    spec = load_spec(tool)
    question = spec.question("collusion")
    chosen = ["remote-contact", "parent-needs", "filtering-out"]
    context, page, watch = open_page(browser, server, url(tool, language))
    try:
        page.goto(server + url(tool, language))
        wait_for_status(page, READY[language])
        group = page.locator("#question-collusion .mawwsb-item-group")
        expect_lead_in = question.item_groups[0].text[language]
        lead_in = group.locator("legend").inner_text()
        grouped = group.locator("input[type=checkbox]").evaluate_all(
            "(inputs) => inputs.map((input) => input.value)"
        )
        for item in chosen:
            reach(page, f"#collusion-{item}").check()
        reach(page, "[data-check]")
        shown = check_entry(page, question.text[language])
    finally:
        context.close()
    assert lead_in == expect_lead_in
    assert grouped == [item.id for item in question.items if item.group == "colluding"]
    expected = evaluate(spec, {"collusion": chosen}, language)
    answer = next(
        entry["answer"]
        for section in expected["answers"]["sections"]
        for entry in section["entries"]
        if entry["question"] == "collusion"
    )
    assert answer.startswith(expect_lead_in + " ")
    assert shown == answer
    assert not watch.console_errors


@pytest.mark.parametrize("tool", LONG)
def test_the_browsers_back_and_forward_move_between_steps(browser, server, tool):
    """Each step is an entry in the tab's history, holding its number only (never an answer):
    Back after Continue shows the step before, its answers kept; Forward returns."""
    context, page, _ = open_page(browser, server, url(tool))
    context.route("**/assets/pyodide/**", lambda route: route.abort())  # no engine needed
    try:
        page.goto(server + url(tool))
        page.wait_for_selector("[data-action=step-continue]")
        first = page.locator("[data-step]:not(.mawwsb-step--inactive) input").first
        first.check()
        first_id = first.get_attribute("id")
        press(page, "step-continue")
        press(page, "step-continue")
        progress = page.locator(".mawwsb-steps__progress")
        total = int(progress.inner_text().split()[-1])
        step = STRINGS["en"]["step"]
        assert progress.inner_text() == step.format(n=3, total=total)
        state = page.evaluate("() => history.state")
        page.go_back()
        after_back = progress.inner_text()
        page.go_back()
        after_two = progress.inner_text()
        kept = page.is_checked(f"#{first_id}")
        shown = page.locator(f"#{first_id}").is_visible()
        page.go_forward()
        after_forward = progress.inner_text()
        still_here = page.url.startswith(server + url(tool))
    finally:
        context.close()
    assert state == {"mawwsbStep": 2}, state  # the step's number, nothing typed or chosen
    assert after_back == step.format(n=2, total=total)
    assert after_two == step.format(n=1, total=total)
    assert kept and shown
    assert after_forward == step.format(n=2, total=total)
    assert still_here
