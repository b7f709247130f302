"""The language link and per-language search, in Chromium, on the built site."""

import re
from pathlib import Path

import pytest

from tests import site
from tests.test_browser import STORAGE_SNAPSHOT, open_page

FIRST_SECTION_ID = re.compile(r'<h2 id="([^"]+)"')


def first_section_id(site_dir: Path, page: Path) -> str:
    match = FIRST_SECTION_ID.search(site.built_file(site_dir, page).read_text(encoding="utf-8"))
    return match.group(1) if match else ""


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_language_link_keeps_the_page_and_the_section(browser, server, site_dir, language):
    """From every page, at its first section, the link lands on the twin at the same section."""
    other = "cy" if language == "en" else "en"
    context, page, watch = open_page(browser, server, "")
    problems = []
    try:
        for markdown_page in site.markdown_pages():
            anchor = first_section_id(site_dir, markdown_page)
            start = server + site.page_url_path(markdown_page, language)
            page.goto(start + (f"#{anchor}" if anchor else ""), wait_until="networkidle")
            link = page.locator("a[data-language-link]")
            if not link.is_visible():
                problems.append(f"{start}: language link not visible")
                continue
            link.click()
            page.wait_for_load_state("networkidle")
            expected = server + site.page_url_path(markdown_page, other)
            expected += f"#{anchor}" if anchor else ""
            if page.url != expected:
                problems.append(f"{start}#{anchor}: landed on {page.url}, expected {expected}")
            elif page.evaluate("() => document.documentElement.lang") != other:
                problems.append(f"{page.url}: page language is not {other}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert not watch.console_errors and not watch.failed and not watch.foreign


def search(browser, server, path: str, query: str) -> list[str]:
    """Types a query into Material's search box on a page; returns the result links."""
    context, page, watch = open_page(browser, server, path)
    try:
        page.goto(server + path, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query)
        page.locator(".md-search-result__meta").filter(has_text=re.compile(r"\d")).wait_for()
        links = page.locator(".md-search-result__item > a").evaluate_all(
            "(links) => links.map((link) => link.href)"
        )
        storage = page.evaluate(STORAGE_SNAPSHOT)
    finally:
        context.close()
    assert not watch.console_errors and not watch.failed and not watch.foreign
    assert not storage["localStorage"] and not storage["sessionStorage"]
    return links
