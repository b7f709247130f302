"""The glossary (i18n/glossary.yml, hooks/glossary.py): each entry on the Glossary page of each
language, in the protocol's words where it defines the term, and each term's first use on every
protocol page linking to its entry in that page's language, as an ordinary link."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import yaml
from mkdocs.exceptions import PluginError

from hooks import glossary
from hooks.glossary import NOT_LINKED, NOT_LINKED_CLASSES, anchor, entries
from hooks.versions import is_protocol_page
from tests import site

GLOSSARY = Path("glossary.md")


def built(site_dir, page: Path, language: str):
    html = site.built_file(site_dir, page, language).read_text(encoding="utf-8")
    return lxml.html.fromstring(html)


def running_text(article) -> str:
    """The article's text where a term may be linked (not headings, other links, code, or the
    site's own lines), with glossary links' text kept."""
    article = lxml.html.fromstring(lxml.html.tostring(article))
    for node in article.xpath(".//*"):
        classes = (node.get("class") or "").split()
        own_line = any(name in classes for name in NOT_LINKED_CLASSES)
        dropped = node.tag in NOT_LINKED or own_line
        if dropped and node.getparent() is not None and "mawwsb-term" not in classes:
            node.drop_tree()
    return " ".join(article.text_content().split())


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_every_entry_is_on_the_glossary_page_in_the_protocols_words(site_dir, language):
    page = built(site_dir, GLOSSARY, language)
    other = "cy" if language == "en" else "en"
    for entry in entries():
        term = page.xpath(f"//dt[@id='{anchor(entry['id'])}']")
        assert term, entry["id"]
        title = " ".join(term[0].text_content().split())
        assert title.startswith(entry["title"][language]), title
        assert entry["title"][other] in title
        assert term[0].xpath(f".//span[@lang='{other}']"), entry["id"]
        definition = term[0].getnext()
        assert definition.tag == "dd"
        if entry["ref"]:
            words = " ".join(definition.xpath(".//blockquote")[0].text_content().split())
            assert len(words) > 20, entry["id"]
            source = definition.xpath(".//a/@href")[-1]
            target = urlsplit(
                urljoin("http://site/" + site.page_url_path(GLOSSARY, language), source)
            )
            ref_page, _, ref_anchor = entry["ref"].partition("#")
            assert target.path == "/" + site.page_url_path(Path(ref_page), language)
            assert target.fragment == ref_anchor
            # The words are the protocol's, from the page the entry cites.
            cited = built(site_dir, Path(ref_page), language).xpath(f"//*[@id='{ref_anchor}']")
            assert cited, entry["ref"]
        else:
            assert entry["own_words"][language] in " ".join(definition.text_content().split())
            assert definition.xpath(".//a[@class='mawwsb-added']"), entry["id"]


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_each_terms_first_use_on_a_protocol_page_links_to_its_entry(site_dir, language):
    glossary_ids = set(built(site_dir, GLOSSARY, language).xpath("//dt/@id"))
    linked_somewhere = set()
    for page in [page for page in site.markdown_pages() if is_protocol_page(page.as_posix())]:
        article = built(site_dir, page, language).xpath("//article")[0]
        links = article.xpath(".//a[@class='mawwsb-term']")
        base = "http://site/" + site.page_url_path(page, language)
        by_entry = {}
        for link in links:
            target = urlsplit(urljoin(base, link.get("href")))
            assert target.path == "/" + site.page_url_path(GLOSSARY, language), link.get("href")
            assert target.fragment in glossary_ids
            by_entry.setdefault(target.fragment, []).append(link)
        text = running_text(article)
        for entry in entries():
            found = by_entry.get(anchor(entry["id"]), [])
            uses = entry["patterns"][language].search(text)
            # Once, where the term is used; never where it is not.
            assert len(found) == (1 if uses else 0), (page, language, entry["id"], len(found))
            if found:
                linked_somewhere.add(entry["id"])
                assert entry["patterns"][language].fullmatch(found[0].text), found[0].text
                # Print shows an abbreviation's expansion after it (nothing only on hover).
                assert found[0].get("data-expansion") == expansion(entry, found[0].text, language)
                # The first use: no earlier match in the running text before the link.
                before = running_text_before(article, found[0])
                assert not entry["patterns"][language].search(before), (page, entry["id"])
    assert linked_somewhere == {entry["id"] for entry in entries()}


def expansion(entry, text: str, language: str) -> str | None:
    abbreviation = entry["abbreviation"]
    if abbreviation is None or text != abbreviation["short"] or not abbreviation["expansion"]:
        return None
    return abbreviation["expansion"][language]


def running_text_before(article, link) -> str:
    marker = "\u2063GLOSSARY-LINK\u2063"
    copy = lxml.html.fromstring(lxml.html.tostring(article))
    index = article.xpath(".//a[@class='mawwsb-term']").index(link)
    target = copy.xpath(".//a[@class='mawwsb-term']")[index]
    target.text = marker
    return running_text(copy).split(marker)[0]


def test_the_glossary_is_in_the_navigation_of_both_languages(site_dir):
    for language in site.LANGUAGES:
        home = site.built_file(site_dir, Path("index.md"), language).read_text(encoding="utf-8")
        nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
        title = {"en": "Glossary", "cy": "Geirfa"}[language]
        assert re.search(rf'href="glossary/"[^>]*>\s*<span class="md-ellipsis">\s*{title}\s*<', nav)


@pytest.mark.parametrize(
    ("abbreviation", "problem"),
    [
        (
            {"short": "MCA", "en": "Mental Capacity Act 2005"},
            ".abbreviation: no cy expansion (give both languages, or neither)",
        ),
        ({"short": "M C A"}, ".abbreviation.short: expected the abbreviation as one word"),
    ],
)
def test_a_malformed_abbreviation_stops_the_build_naming_its_field(
    tmp_path, monkeypatch, abbreviation, problem
):
    broken = tmp_path / "glossary.yml"
    entry = {
        "id": "mental-capacity-act",
        "title": {"en": "Mental Capacity Act 2005", "cy": "Deddf Galluedd Meddyliol 2005"},
        "abbreviation": abbreviation,
        "ref": "sections/definition.md#mental-capacity-act-2005",
    }
    item = {"term": "MCA", "en": r"\bMCA\b", "cy": r"\bMCA\b", "entry": entry}
    broken.write_text(yaml.safe_dump([item]), encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY", broken)
    glossary.entries.cache_clear()
    try:
        with pytest.raises(PluginError) as error:
            glossary.entries()
    finally:
        glossary.entries.cache_clear()
    assert str(error.value) == f"{broken}: [0] (MCA).entry{problem}"
