"""The protocol as a document, in Chromium: the print page laid out on A4 clips no table, an
abbreviation is spelt out when its page is printed (and only then), and the glossary works by
keyboard alone, from a term's first use to its definition and on to the protocol's words."""

import pytest
from playwright.sync_api import expect

from tests import site
from tests.test_browser import open_page, serve_empty_search_index, settle

# A4's width less the PDF's left and right margins (hooks/pdf.py: 210 mm - 2 x 16 mm), in CSS px.
A4_CONTENT_WIDTH = round((210 - 2 * 16) / 25.4 * 96)

# Every table, and every cell, whose content is wider than its box, or that an ancestor which
# hides or scrolls its overflow cuts off: what a printed page would lose.
CLIPPED_TABLES = """() => {
  const clipped = [];
  const cuts = (el) =>
    ["hidden", "clip", "auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const tables = [...document.querySelectorAll(".mawwsb-print-body table")];
  for (const [index, table] of tables.entries()) {
    const part = table.closest("section")?.getAttribute("aria-labelledby");
    const name = `table ${index + 1} (${part})`;
    if (table.scrollWidth > table.clientWidth + 1) clipped.push(`${name}: wider than itself`);
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      if (cuts(el) && el.scrollWidth > el.clientWidth + 1) {
        clipped.push(`${name}: cut by ${el.className}`);
      }
    }
    const right = document.documentElement.clientWidth;
    if (table.getBoundingClientRect().right > right + 1) clipped.push(`${name}: past the page`);
    for (const cell of table.querySelectorAll("th, td")) {
      if (cell.scrollWidth > cell.clientWidth + 1) {
        clipped.push(`${name}: cell "${cell.textContent.trim().slice(0, 30)}"`);
      }
    }
  }
  return {tables: tables.length, clipped};
}"""


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_print_page_on_a4_clips_no_table(browser, server, language):
    root = "" if language == "en" else "cy/"
    viewport = {"width": A4_CONTENT_WIDTH, "height": 1000}
    context, page, watch = open_page(browser, server, "", viewport=viewport)
    serve_empty_search_index(context)
    try:
        page.emulate_media(media="print")
        page.goto(f"{server}{root}print/")
        settle(page, watch)
        found = page.evaluate(CLIPPED_TABLES)
    finally:
        context.close()
    # The dissemination table and appendix 4's contacts: both there, neither cut.
    assert found == {"tables": 2, "clipped": []}
    assert not watch.console_errors, watch.console_errors


EXPANSION = """() => getComputedStyle(
  document.querySelector("article a.mawwsb-term[data-expansion]"), "::after").content"""


def test_a_printed_page_spells_out_its_abbreviation_and_leaves_out_the_link_panel(browser, server):
    context, page, watch = open_page(browser, server, "")
    serve_empty_search_index(context)
    shown = {}
    try:
        for language, root in (("en", ""), ("cy", "cy/")):
            page.goto(f"{server}{root}dissemination/")
            settle(page, watch)
            link = page.locator("article a.mawwsb-term[data-expansion]")
            expect(link).to_have_count(1 if language == "en" else 0)
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                panel = page.locator("details.mawwsb-link-to").evaluate(LINK_PANEL_DISPLAY)
                expansion = page.evaluate(EXPANSION) if language == "en" else None
                shown[language, media] = (expansion, panel)
    finally:
        context.close()
    # The "Link to this page" panel is for the screen only.
    assert shown == {
        ("en", "screen"): ("none", "flow-root"),
        ("en", "print"): ('" (Mid and West Wales Safeguarding Board)"', "none"),
        ("cy", "screen"): (None, "flow-root"),
        ("cy", "print"): (None, "none"),
    }


LINK_PANEL_DISPLAY = "(panel) => getComputedStyle(panel).display"

FOCUSED = """() => { const el = document.activeElement;
  return {term: el.matches("a.mawwsb-term"), href: el.getAttribute("href") || ""}; }"""


def tab_to(page, wanted, limit: int = 300) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"{limit} presses of Tab did not reach it")


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_by_keyboard_a_terms_first_use_leads_to_its_definition(browser, server, language):
    root = "" if language == "en" else "cy/"
    context, page, watch = open_page(browser, server, "", viewport={"width": 1280, "height": 800})
    serve_empty_search_index(context)
    try:
        page.goto(f"{server}{root}dissemination/")
        settle(page, watch)
        focused = tab_to(page, lambda element: element["term"])
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{root}glossary/{focused['href'].partition('/glossary/')[2]}")
        settle(page, watch)
        term = page.locator("dt:target")
        expect(term).to_have_count(1)
        expect(term).to_be_in_viewport(ratio=1)
        header = page.locator(".md-header").bounding_box()
        # Not hidden under the sticky header, and the definition starts on screen below it.
        assert term.bounding_box()["y"] >= header["y"] + header["height"] - 1
        expect(page.locator("dt:target + dd")).to_be_in_viewport()

        # On the glossary, Tab reaches each entry's link to the protocol's words.
        sources = page.locator(".mawwsb-glossary dd a").evaluate_all(
            "links => links.map((link) => link.getAttribute('href'))"
        )
        page.goto(f"{server}{root}glossary/")
        settle(page, watch)
        remaining = set(sources)
        for _ in range(300):
            if not remaining:
                break
            page.keyboard.press("Tab")
            href = page.evaluate(FOCUSED)["href"]
            remaining.discard(href)
    finally:
        context.close()
    assert len(sources) >= 11
    assert remaining == set(), remaining
