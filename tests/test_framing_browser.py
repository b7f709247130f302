"""A tool inside an intranet's frame, in Chromium: in a same-origin frame it prepares its summary;
in a sandboxed frame (no allow-same-origin), where its engine cannot start, it says so plainly, in
the page's language, with the page's own address to open instead, and the form still works."""

import pytest
from playwright.sync_api import expect

from tests.test_browser import open_page

HOST = "intranet-page.html"


def host_page(context, server, frame_attributes: str, path: str) -> None:
    """An intranet page on the site's own origin, holding the tool in a frame."""
    body = (
        "<!doctype html><html lang='en'><title>Intranet</title>"
        f"<iframe {frame_attributes} title='Tool' src='{path}' style='width:1000px;height:900px'>"
        "</iframe></html>"
    )
    context.route(server + HOST, lambda route: route.fulfill(content_type="text/html", body=body))


def test_in_a_same_origin_frame_the_tool_prepares_its_summary(browser, server):
    context, page, watch = open_page(browser, server, "")
    host_page(context, server, "", "tools/pre-visit-checklist/")
    try:
        page.goto(server + HOST)
        frame = page.frame_locator("iframe")
        status = frame.locator("[data-status]")
        expect(status).to_contain_text("can be turned into a summary", timeout=60_000)
        frame.locator("[data-action=summary]").click()
        expect(status).to_contain_text("Your summary is ready.")
        expect(frame.locator("[data-results] h2").first).to_be_visible()
    finally:
        context.close()
    assert not watch.console_errors, watch.console_errors


FRAMED = {
    "en": "This page is shown inside another page (a frame) that does not let it prepare your "
    "summary. To get a summary, open this page in its own window: {address}.",
    "cy": "Mae'r dudalen hon yn cael ei dangos y tu mewn i dudalen arall (ffrâm) nad yw'n gadael "
    "iddi baratoi eich crynodeb. I gael crynodeb, agorwch y dudalen hon yn ei ffenestr ei hun: "
    "{address}.",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_in_a_sandboxed_frame_the_tool_says_why_it_cannot_prepare_a_summary(
    browser, server, language
):
    path = ("" if language == "en" else "cy/") + "tools/pre-visit-checklist/"
    context, page, _ = open_page(browser, server, "")
    host_page(context, server, "sandbox='allow-scripts'", path)
    try:
        page.goto(server + HOST)
        frame = page.frame_locator("iframe")
        status = frame.locator("[data-status]")
        expect(status).to_contain_text(FRAMED[language].format(address=server + path))
        # The form is still there to fill in and print; trying again cannot help.
        frame.locator("[data-tool] input[type=radio]").first.check()
        expect(frame.locator("[data-tool] input[type=radio]").first).to_be_checked()
        expect(frame.locator("[data-action=retry]")).to_be_hidden()
    finally:
        context.close()
