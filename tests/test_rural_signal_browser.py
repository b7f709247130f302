"""The tools on weak signal, and nothing a practitioner typed is ever lost (issue 11), in Chromium:

- at 1.6 Mbit/s with 150 ms latency the summary is produced (however long it takes: no timing);
- a stalled engine download offers Try again, which then works; WebAssembly blocked by the
  page's policy is said at once;
- the language carry in window.name: malformed, the wrong shape or 3,000 plan rows leave the
  tool working; reading it empties it; a modified click on the language link leaves nothing in
  this tab; a summary that was showing is shown again after the switch;
- Clear asks first; a source opens in place and never navigates; the action plan can grow
  again from no rows; a typical hostility self-assessment prints on at most 3 A4 pages, with
  the date, the tool's name and no relative address; downloads carry the date.
"""

import json
import re

from playwright.sync_api import expect

from tests import site
from tests.test_browser import ENGINE_READY, hold_engine, leave_warnings, open_page
from tests.test_tool_browser import at_page, reach, wait_for_status

CHECKLIST = site.page_url_path(site.tool_page("pre-visit-checklist"), "en")
HOSTILITY = site.page_url_path(site.tool_page("hostility-self-assessment"), "en")
SUPERVISION = site.page_url_path(site.tool_page("supervision-questions"), "en")
CARRY = "mawwsb-tool-answers:"
STALLED = "The download has stopped"
BLOCKED = "block WebAssembly"
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 93_750,
}


def test_summary_is_produced_at_slow_4g(browser, server):
    context, page, watch = open_page(browser, server, CHECKLIST)
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    # Chromium applies the page's emulated network to its dedicated workers' fetches too.
    network.send("Network.emulateNetworkConditions", SLOW_4G)
    progress = []
    page.expose_function("__progress", lambda value: progress.append(value))
    try:
        page.goto(server + CHECKLIST)
        page.check("#joint-visit-no")
        page.click("[data-action=summary]")  # asked for at once, long before the engine is in
        page.wait_for_selector("[data-progress]:not([hidden])")
        shown_while_loading = page.locator("[data-progress-text]").inner_text()
        expect(page.locator("[data-results]")).to_be_visible(timeout=240_000)
        items = page.locator("[data-results] [data-item]").evaluate_all(
            "(nodes) => nodes.map((node) => node.dataset.item)"
        )
        summary_button = page.locator("[data-action=summary]").is_visible()
    finally:
        context.close()
    assert re.fullmatch(r"\d{1,3}%", shown_while_loading)
    assert "rule:arrange-joint-visit" not in items and "rule:dial-999" in items
    assert summary_button
    assert not watch.console_errors


def test_a_stalled_download_offers_try_again_which_works(browser, server):
    """The WebAssembly request hangs with no bytes; after the page's stall time (shortened
    here through data-stall-ms) the page says so and offers Try again, which then succeeds."""
    context, page, _ = open_page(browser, server, CHECKLIST)
    attempts = []

    def engine(route):
        attempts.append(route.request.url)
        if len(attempts) > 1:
            route.continue_()  # the second attempt gets through; the first never answers

    def short_stall(route):
        response = route.fetch()
        body = response.text().replace('data-tool="', 'data-stall-ms="1500" data-tool="', 1)
        route.fulfill(response=response, body=body)

    context.route("**/pyodide.asm.wasm", engine)
    context.route(re.compile(re.escape(server + CHECKLIST) + "$"), short_stall)
    try:
        page.goto(server + CHECKLIST)
        page.check("#joint-visit-yes")
        status = wait_for_status(page, STALLED)
        retry = page.locator("[data-action=retry]")
        expect(retry).to_be_visible()
        summary_button_kept = page.locator("[data-action=summary]").is_visible()
        retry.click()
        wait_for_status(page, "can be turned into a summary")
        page.click("[data-action=summary]")
        expect(page.locator("[data-results]")).to_be_visible()
        kept = page.is_checked("#joint-visit-yes")
    finally:
        context.close()
    assert "Try again" in status and summary_button_kept and kept
    assert len(attempts) == 2


def test_webassembly_blocked_by_the_page_policy_is_said_at_once(browser, server):
    context, page, _ = open_page(browser, server, CHECKLIST)

    def strict_page(route):
        response = route.fetch()
        headers = {
            **response.headers,
            "content-security-policy": "script-src 'self' 'unsafe-inline'",
        }
        route.fulfill(response=response, headers=headers)

    context.route(re.compile(re.escape(server + CHECKLIST) + "$"), strict_page)
    hold_engine(context)
    try:
        page.goto(server + CHECKLIST)
        status = wait_for_status(page, BLOCKED, timeout_s=2)
        retry_hidden = page.locator("[data-action=retry]").is_hidden()
    finally:
        context.close()
    assert "fill in this page and print it" in status
    assert retry_hidden  # trying again cannot help


def open_without_engine(browser, server, path):
    """A tool page whose engine is held back: for what the page does before it is ready."""
    context, page, watch = open_page(browser, server, path)
    hold_engine(context)
    page.goto(server + path)
    return context, page, watch


def carry(value: str) -> str:
    return CARRY + value


def open_with_window_name(browser, server, path, name: str):
    """The tool page (engine held back), opened in a tab whose window.name another page of the
    site left."""
    context, page, watch = open_page(browser, server, path)
    hold_engine(context)
    page.goto(server + "appendices/keeping-professionals-safe/")
    page.evaluate("(value) => { window.name = value; }", name)
    page.goto(server + path)
    return context, page, watch


def test_a_malformed_or_oversized_carry_leaves_the_tool_working(browser, server):
    many_rows = json.dumps(
        {
            "tool": "supervision-questions",
            "fields": {f"plan-{n}-risk": f"risk {n}" for n in range(1, 3001)},
            "planRows": 3000,
            "summary": False,
        }
    )
    cases = {
        "malformed JSON": (CHECKLIST, carry("{not json")),
        "wrong shape": (
            CHECKLIST,
            carry(json.dumps({"tool": "pre-visit-checklist", "fields": [1]})),
        ),
        "another tool": (CHECKLIST, carry(json.dumps({"tool": "x", "fields": {}, "planRows": 0}))),
        "3,000 rows": (SUPERVISION, carry(many_rows)),
    }
    seen = {}
    for name, (path, value) in cases.items():
        context, page, watch = open_with_window_name(browser, server, path, value)
        try:
            expect(page.locator("[data-action=summary]")).to_be_visible()
            first = page.locator("[data-form] input[type=radio]").first
            first.check()
            seen[name] = {
                "name": page.evaluate("() => window.name"),
                "checked": first.is_checked(),
                "rows": page.locator("[data-plan-row]").count(),
                "errors": watch.console_errors,
            }
        finally:
            context.close()
    for name in ("malformed JSON", "wrong shape", "another tool"):
        assert seen[name] == {"name": "", "checked": True, "rows": 0, "errors": []}, name
    # At most 50 rows are carried: the rest is dropped, and the page never freezes.
    assert seen["3,000 rows"] == {"name": "", "checked": True, "rows": 50, "errors": []}


def test_the_carry_is_read_once_and_shows_the_summary_again(browser, server):
    context, page, watch = open_page(browser, server, CHECKLIST)
    try:
        page.goto(server + CHECKLIST)
        page.check("#joint-visit-no")
        page.fill("#note-who-to-call", "Duty team ŵ")
        page.click("[data-action=summary]")
        expect(page.locator("[data-results]")).to_be_visible(timeout=60_000)
        before = page.evaluate("() => window.name")
        page.click("a[data-language-link]:has-text('Cymraeg')")
        page.wait_for_url(at_page(server + "cy/" + CHECKLIST))
        expect(page.locator("[data-results]")).to_be_visible(timeout=60_000)
        heading = page.locator("[data-results] h2").inner_text()
        after = page.evaluate("() => window.name")
        note = page.input_value("#note-who-to-call")
    finally:
        context.close()
    assert before == ""  # nothing is written until the page goes
    assert heading == "Eich crynodeb" and note == "Duty team ŵ"
    assert after == ""
    assert not watch.console_errors


def test_a_modified_click_on_the_language_link_carries_nothing(browser, server):
    context, page, _ = open_without_engine(browser, server, CHECKLIST)
    try:
        page.fill("#note-who-to-call", "Duty team")
        link = page.locator("a[data-language-link]:has-text('Cymraeg')").first
        with context.expect_page() as opened:
            link.click(modifiers=["Control"])
        other = opened.value
        other.wait_for_load_state("domcontentloaded")
        in_new_tab = other.evaluate("() => window.name")
        in_this_tab = page.evaluate("() => window.name")
        still_typed = page.input_value("#note-who-to-call")
        dialogs = leave_warnings(page)
    finally:
        context.close()
    assert in_this_tab == "" and in_new_tab == ""
    assert still_typed == "Duty team"
    assert dialogs == ["beforeunload"]  # the leave warning is still on in this tab


def test_clear_asks_first(browser, server):
    context, page, _ = open_without_engine(browser, server, CHECKLIST)
    try:
        page.check("#joint-visit-yes")
        page.click("[data-action=clear]")
        expect(page.locator("[data-confirm-clear]")).to_be_visible()
        asked = page.evaluate(
            "() => document.activeElement.closest('[data-confirm-clear]') !== null"
        )
        kept_while_asking = page.is_checked("#joint-visit-yes")
        page.click("[data-action=clear-no]")
        kept = page.is_checked("#joint-visit-yes")
        focus_back = page.evaluate("() => document.activeElement.dataset.action")
        page.click("[data-action=clear]")
        page.click("[data-action=clear-yes]")
        status = wait_for_status(page, "Your answers have been cleared.")
        cleared = not page.is_checked("#joint-visit-yes")
        apart = page.evaluate(
            """() => document.querySelector('[data-action=clear]').parentElement !==
                     document.querySelector('[data-action=summary]').parentElement"""
        )
    finally:
        context.close()
    assert asked and kept_while_asking and kept and focus_back == "clear"
    assert cleared and "cleared" in status and apart


def test_a_source_opens_in_place_and_never_navigates(browser, server):
    context, page, _ = open_without_engine(browser, server, CHECKLIST)
    try:
        page.check("#joint-visit-yes")
        page.fill("#note-who-to-call", "Duty team")
        source = page.locator("details.mawwsb-source[data-source-ref=before-contact]").first
        source.locator("summary").click()
        expect(source.locator(".mawwsb-source__words")).to_be_visible()
        words = source.locator(".mawwsb-source__words").inner_text()
        link = source.locator("a").last
        target, href = link.get_attribute("target"), link.get_attribute("href")
        url = page.url
        kept = page.is_checked("#joint-visit-yes") and page.input_value("#note-who-to-call")
    finally:
        context.close()
    assert url == server + CHECKLIST and kept == "Duty team"
    assert words.startswith("Prior to contact with a family, professionals should consider")
    assert target == "_blank" and href.endswith(
        "appendices/keeping-professionals-safe/#before-contact"
    )


def test_the_action_plan_grows_again_from_no_rows(browser, server):
    context, page, watch = open_without_engine(browser, server, SUPERVISION)
    try:
        page.check("#mode-supervisee")
        reach(page, "#plan-1-risk")
        while page.locator("[data-plan-row]").count():
            page.locator("[data-plan-row] [data-action=remove-row]").first.click()
        page.click("[data-action=add-row]")
        rows = page.locator("[data-plan-row]").count()
        legend = page.locator("[data-plan-row] legend").first.inner_text()
        page.fill("#plan-1-risk", "Dog at the address")
    finally:
        context.close()
    assert rows == 1 and legend.endswith("1")
    assert not watch.console_errors


# The device's local date, as tools.js writes it into file names.
LOCAL_DATE = """() => {
  const now = new Date(), two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}"""

TYPICAL = """() => {
  const form = document.querySelector("[data-form]");
  const seen = new Set();
  let n = 0;
  for (const radio of form.querySelectorAll("input[type=radio]")) {
    if (seen.has(radio.name)) continue;
    seen.add(radio.name);
    const options = form.querySelectorAll(`input[name="${radio.name}"]`);
    options[n++ % options.length].checked = true;
  }
  const chosen = {};
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    chosen[box.name] = (chosen[box.name] || 0) + 1;
    box.checked = chosen[box.name] <= 2;
  }
  for (const text of form.querySelectorAll("textarea, input[type=text]")) {
    text.value = "Father made a veiled threat at the last visit; a large dog in the house.";
  }
  form.dispatchEvent(new Event("input", { bubbles: true }));
}"""


def test_a_typical_hostility_self_assessment_prints_its_record_on_one_page(browser, server):
    """Every question answered, two of each list ticked, a note everywhere: the printed summary
    comes first (the urgent group at the top), has the date and the tool's name, no relative
    address; its record fits one A4 page, and with the full guidance the whole fits five. The
    download's name and text carry the date."""
    context, page, _ = open_page(browser, server, HOSTILITY, accept_downloads=True)
    try:
        page.goto(server + HOSTILITY)
        expect(page.locator("[data-status]")).to_contain_text(ENGINE_READY, timeout=60_000)
        page.evaluate(TYPICAL)
        page.click("[data-action=summary]")
        expect(page.locator("[data-results]")).to_be_visible()
        today = page.evaluate(LOCAL_DATE)
        with page.expect_download() as download:
            page.click("[data-action=download-markdown]")
        name = download.value.suggested_filename
        markdown = download.value.path().read_text(encoding="utf-8")
        page.emulate_media(media="print")
        printed = page.locator("article").inner_text()
        visible_form = page.locator("[data-form]").is_visible()
        first_group = page.locator("[data-results] [data-group]").first.get_attribute("data-group")
        printed_urls = page.locator("[data-results] summary[data-url]").evaluate_all(
            "(nodes) => nodes.map((node) => getComputedStyle(node, '::after').content)"
        )
        pdf = page.pdf(format="A4")
        page.emulate_media(media="screen")
        page.uncheck("[data-include-guidance]")
        page.emulate_media(media="print")
        record = page.pdf(format="A4")
    finally:
        context.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 5, pages
    assert len(re.findall(rb"/Type\s*/Page[^s]", record)) == 1
    assert not visible_form and first_group == "act-now"
    heading = r"Hostility self-assessment Prepared on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d\."
    assert re.match(heading, printed), printed[:200]
    assert printed_urls and all(url.startswith(f'" ({server}') for url in printed_urls)
    assert name == f"hostility-self-assessment-{today}.md"
    assert "Prepared on " in markdown.splitlines()[2]
