"""The whole protocol on one page per language (hooks/print_page.py): every part in order, the
contents list, no repeated id, every link inside the page or to a page that exists, and every
word of the protocol pages (the English one against the source text, as the fidelity test)."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from hooks.languages import load_ui_strings
from hooks.versions import is_protocol_page
from tests import site
from tests.html_text import article_text, collect
from tests.test_fidelity import PROTOCOL_PAGES, missing_sentences

PRINT = Path("print.md")
# The site's own lines on each protocol page, which the print page leaves out.
VERSION_LINE = re.compile(r'<p class="mawwsb-version".*?</p>', re.S)
LINK_PANEL = re.compile(r'<details class="mawwsb-link-to".*?</details>', re.S)


def without_site_lines(html: str) -> str:
    return LINK_PANEL.sub("", VERSION_LINE.sub("", html))


def print_html(site_dir, language: str) -> str:
    return site.built_file(site_dir, PRINT, language).read_text(encoding="utf-8")


def words(html: str) -> str:
    return " ".join(article_text(html).split())


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_print_page_has_every_part_in_order_with_its_contents(site_dir, language):
    html = print_html(site_dir, language)
    assert len(re.findall(r"<h1\b", html)) == 1
    parts = re.findall(
        r'<section class="mawwsb-print-part" aria-labelledby="([^"]+)"><h2 id="\1"', html
    )
    titles = []
    for page in PROTOCOL_PAGES:
        built = site.built_file(site_dir, Path(page), language).read_text(encoding="utf-8")
        titles.append(re.search(r'<h1 id="([^"]+)"', built).group(1))
    assert parts == titles
    assert [page for page in site.nav_pages() if is_protocol_page(page)] == PROTOCOL_PAGES
    contents = lxml.html.fromstring(html).xpath("//nav[@class='mawwsb-print-contents']/ul")[0]
    top = [item.xpath("./a/@href")[0] for item in contents.xpath("./li")]
    assert top == ["#print-abbreviations", "#document-control", *(f"#{title}" for title in titles)]
    # The document control section comes first, before the parts.
    assert html.index('id="document-control"') < html.index('class="mawwsb-print-part"')


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_no_id_repeats_and_every_link_leads_somewhere(site_dir, language):
    html = print_html(site_dir, language)
    found = collect(html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    whole = lxml.html.fromstring(html).xpath("//div[@class='mawwsb-print-body']")[0]
    links = whole.xpath(".//a/@href")
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    base = "http://site/" + site.page_url_path(PRINT, language)
    assert len(links) > 50
    for href in links:
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        url = urlsplit(urljoin(base, href))
        if href.startswith("#"):
            assert url.fragment in found.ids, href
            continue
        target = site_dir / url.path.lstrip("/")
        assert (target / "index.html").is_file() or target.is_file(), href
        # A protocol page's link was turned into a link inside the print page.
        assert not any(
            url.path.endswith(site.page_url_path(Path(page), language)) for page in PROTOCOL_PAGES
        ), href


def test_the_english_print_page_has_every_sentence_of_the_source(site_dir):
    assert missing_sentences(words(print_html(site_dir, "en"))) == []


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_print_page_has_every_word_of_each_protocol_page(site_dir, language):
    # Without spaces: the text parser spaces words apart at every inline element, and a page's
    # glossary links are not on the print page.
    whole = re.sub(r"\s+", "", words(print_html(site_dir, language)))
    for page in PROTOCOL_PAGES:
        built = site.built_file(site_dir, Path(page), language).read_text(encoding="utf-8")
        assert re.sub(r"\s+", "", words(without_site_lines(built))) in whole, page


def test_every_protocol_page_links_to_the_print_page(site_dir):
    for language in site.LANGUAGES:
        for page in PROTOCOL_PAGES:
            built = site.built_file(site_dir, Path(page), language).read_text(encoding="utf-8")
            href = re.search(
                r'<a class="mawwsb-version__link mawwsb-version__print" href="([^"]+)">', built
            ).group(1)
            base = "http://site/" + site.page_url_path(Path(page), language)
            path = urlsplit(urljoin(base, href)).path
            assert path == "/" + site.page_url_path(PRINT, language), (page, language)


def test_the_print_page_spells_out_the_abbreviations_it_uses(site_dir):
    """The glossary's abbreviations that each language's text uses, spelt out (the Welsh
    protocol writes the Mental Capacity Act in full), and the one the protocol never explains
    said to be so, not guessed."""
    strings = load_ui_strings()
    expected = {
        "en": [
            ("MCA", "Mental Capacity Act 2005"),
            ("MAWWSB", "Mid and West Wales Safeguarding Board"),
            ("LOGs", strings["en"]["abbreviation_unexplained"]),
        ],
        "cy": [
            ("MAWWSB", "Bwrdd Diogelu Canolbarth a Gorllewin Cymru"),
            ("LOGs", strings["cy"]["abbreviation_unexplained"]),
        ],
    }
    for language in site.LANGUAGES:
        page = lxml.html.fromstring(print_html(site_dir, language))
        section = page.xpath("//section[@class='mawwsb-print-abbreviations']")[0]
        assert section.xpath("./h2/text()") == [strings[language]["print_abbreviations"]]
        listed = [
            (term.text_content(), term.getnext().text_content())
            for term in section.xpath("./dl/dt")
        ]
        assert listed == expected[language], language
