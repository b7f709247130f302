"""The language link and per-language search, in Chromium, on the built site."""

import contextlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests import site
from tests.test_browser import (
    SEARCH_READY,
    STORAGE_SNAPSHOT,
    hold_engine,
    open_page,
    serve_empty_search_index,
)

FIRST_SECTION_ID = re.compile(r'<h2 id="([^"]+)"')


def first_section_id(site_dir: Path, page: Path) -> str:
    match = FIRST_SECTION_ID.search(site.built_file(site_dir, page).read_text(encoding="utf-8"))
    return match.group(1) if match else ""


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_language_link_keeps_the_page_and_the_section(browser, server, site_dir, language):
    """From every page, at its first section, the link lands on the twin at the same section."""
    other = "cy" if language == "en" else "en"
    context, page, watch = open_page(browser, server, "")
    hold_engine(context)  # the tool pages' link works without their engine
    serve_empty_search_index(context)  # nor does it need search
    problems = []
    try:
        for markdown_page in site.markdown_pages():
            anchor = first_section_id(site_dir, markdown_page)
            start = server + site.page_url_path(markdown_page, language)
            page.goto(start + (f"#{anchor}" if anchor else ""))
            link = page.locator("a[data-language-link]")
            if not link.is_visible():
                problems.append(f"{start}: language link not visible")
                continue
            expected = server + site.page_url_path(markdown_page, other)
            expected += f"#{anchor}" if anchor else ""
            link.click()
            with contextlib.suppress(PlaywrightTimeout):  # reported below, with where it landed
                page.wait_for_url(expected, timeout=10_000)
            if page.url != expected:
                problems.append(f"{start}#{anchor}: landed on {page.url}, expected {expected}")
            elif page.evaluate("() => document.documentElement.lang") != other:
                problems.append(f"{page.url}: page language is not {other}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    # Leaving a page cancels what it was still fetching (the engine, the search index): not a
    # fault here; the browser sweep checks every page loads completely.
    assert not watch.console_errors and not watch.foreign
    assert not [failure for failure in watch.failed if "ERR_ABORTED" not in failure]


# Material's search line when nothing matches (SEARCH_READY: before a query).
SEARCH_NONE = {"en": "No matching documents", "cy": "Dim dogfennau sy'n cyfateb"}
# Material shows the first 10 results at once and the rest as the reader scrolls.
FIRST_RESULTS = 10


def search(browser, server, path: str, query: str) -> list[str]:
    """Types a query into Material's search box on a page; returns the paths of the results
    Material shows at once (its first 10 documents, each with its matching sections)."""
    language = "cy" if path.startswith("cy/") else "en"
    context, page, watch = open_page(browser, server, path)
    try:
        page.goto(server + path)
        box = page.locator("input.md-search__input")
        box.click()
        meta = page.locator(".md-search-result__meta")
        expect(meta).to_have_text(SEARCH_READY[language])  # the index is loaded
        # The whole query in one keystroke's time: one search, so its answer is the last.
        box.fill(query)
        box.press("End")
        expect(meta).not_to_have_text(SEARCH_READY[language])
        answer = meta.inner_text()
        count = 0 if answer == SEARCH_NONE[language] else int(re.sub(r"\D", "", answer) or 1)
        expect(page.locator(".md-search-result__item")).to_have_count(min(count, FIRST_RESULTS))
        links = page.locator(".md-search-result__item > a").evaluate_all(
            "(links) => links.map((link) => link.href)"
        )
        storage = page.evaluate(STORAGE_SNAPSHOT)
    finally:
        context.close()
    assert not watch.console_errors and not watch.failed and not watch.foreign
    assert not storage["localStorage"] and not storage["sessionStorage"]
    return [link.split(site.SUB_PATH, 1)[1].split("#")[0].split("?")[0] for link in links]


# What each language's search finds (families, mutations, stop words): tests/test_search_browser.py,
# through Material's worker. Here, through the search box, that each finds its own language only.


def test_english_search_returns_only_english_pages(browser, server):
    found = search(browser, server, "sections/purpose/", "disguised compliance")
    assert "sections/recognition-and-understanding/" in found
    assert not any(result.startswith("cy/") for result in found), found
    # A Welsh word finds nothing on an English page: the Welsh pages are not in its index.
    assert search(browser, server, "", "goruchwyliaeth") == []


def test_welsh_page_never_returns_english_pages(browser, server):
    # "supervision" is on English pages and, as an English term under review, on one Welsh page.
    found = search(browser, server, "cy/", "supervision")
    assert found == ["cy/about-welsh/"] * len(found) and found, found


def click_in_place(page, selector: str) -> None:
    """A mouse click where the element is (Playwright's own click may scroll the page first,
    which would move the reader's place)."""
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_language_link_keeps_the_section_the_reader_scrolled_to(browser, server):
    """With no anchor in the address, the section at the top of the window is carried over
    (the script is the same in both languages)."""
    language, other = "cy", "en"
    page_path = Path("appendices/keeping-professionals-safe.md")
    start = server + site.page_url_path(page_path, language)
    context, page, _ = open_page(browser, server, "")
    try:
        page.goto(start)
        page.evaluate(
            """() => {
              const heading = document.getElementById("management-responsibilities");
              window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY + 40);
            }"""
        )
        click_in_place(page, "a[data-language-link]")
        expected = server + site.page_url_path(page_path, other) + "#management-responsibilities"
        page.wait_for_url(expected)
        page.goto(start)
        click_in_place(page, "a[data-language-link]")
        page.wait_for_url(server + site.page_url_path(page_path, other))
        at_top_unscrolled = page.url
    finally:
        context.close()
    assert at_top_unscrolled == server + site.page_url_path(page_path, other)  # no anchor
