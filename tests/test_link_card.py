""" "Link to this page" (hooks/link_card.py) on every protocol page and tool, in both languages:
the page's own address, and a card whose HTML links there with the page's title, in the page's
language, with no script and no frame; never on the print page."""

from pathlib import Path

import lxml.html
import pytest

from hooks.versions import is_protocol_page
from tests import site

PAGES = [
    page
    for page in site.markdown_pages()
    if is_protocol_page(page.as_posix())
    or (page.parts[0] == "tools" and page.stem in site.tool_ids())
]


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_every_section_and_tool_has_its_address_and_card(site_dir, base_url, language):
    assert len(PAGES) == 19  # dissemination, 10 sections, 5 appendices, 3 tools
    for page in PAGES:
        html = site.built_file(site_dir, page, language).read_text(encoding="utf-8")
        root = lxml.html.fromstring(html)
        panels = root.xpath("//article//details[@class='mawwsb-link-to']")
        assert len(panels) == 1, (page, language)
        address = base_url + site.page_url_path(page, language)
        shown = panels[0].xpath("./p/code/text()")
        assert shown == [address]
        card = lxml.html.fragment_fromstring(panels[0].xpath(".//pre/code")[0].text_content())
        title = root.xpath("//title/text()")[0].split(" - ")[0]
        links = card.xpath(".//a")
        assert card.tag == "div" and card.get("lang") == language
        assert [(link.get("href"), link.text_content()) for link in links] == [(address, title)]
        assert not card.xpath(".//script | .//iframe | .//*[starts-with(name(@*), 'on')]")
        assert len(card.xpath("./p")) == 2 and card.xpath("./p")[1].text_content().strip()


def test_the_print_page_has_no_link_panels(site_dir):
    for language in site.LANGUAGES:
        html = site.built_file(site_dir, Path("print.md"), language).read_text(encoding="utf-8")
        assert "mawwsb-link-to" not in html
