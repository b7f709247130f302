"""English and Welsh: page parity, language links, spelling and glossary terms, interface strings.

Every English page has a Welsh twin (page.md / page.cy.md) built under /cy/ with the same
structure: the same headings and ids, lists, table rows and links. Browser checks of the
language link and of search in each language are in test_language_browser.py.
"""

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from hooks.languages import UI_STRINGS, load_ui_strings
from tests import site
from tests.html_text import article_text
from tests.spelling import unknown_words

PAGES = site.markdown_pages()
PAGE_IDS = [page.as_posix() for page in PAGES]
GLOSSARY = yaml.safe_load((site.ROOT / "i18n" / "glossary.yml").read_text(encoding="utf-8"))
MAX_UNKNOWN_RATE = 1.0  # per cent of a page's words


def built_html(site_dir: Path, page: Path, language: str) -> str:
    return site.built_file(site_dir, page, language).read_text(encoding="utf-8")


def article(html: str) -> str:
    start = html.index("<article")
    return html[start : html.index("</article>", start)]


# Where a Welsh page rightly links elsewhere than its English twin: the board's Welsh site.
WELSH_EQUIVALENTS = {
    "https://www.cysur.cymru/": "https://www.cysur.wales/",
    # The Wales Safeguarding Procedures' practice guide, in Welsh and in English.
    "https://safeguarding.wales/cy/chi-i/chi-i-c6/c6-p2": "https://safeguarding.wales/chi/c6/c6.p2.html",
}


def structure(html: str) -> list[str]:
    """What must match between the languages, in page order: one line per element."""
    body = article(html)
    items = []
    for match in re.finditer(r"<(h[1-6]|li|tr|a|ol|ul|table|blockquote|p)\b([^>]*)>", body):
        tag, attributes = match.groups()
        element_id = re.search(r'\sid="([^"]+)"', attributes)
        href = re.search(r'\shref="([^"]+)"', attributes)
        # Permalinks, and glossary links (a term's first use falls where each language puts
        # it: tests/test_glossary.py checks those).
        if tag == "a" and ("headerlink" in attributes or "mawwsb-term" in attributes):
            continue
        label = tag + (f"#{element_id.group(1)}" if element_id else "")
        if tag == "a":
            target = href.group(1) if href else ""
            label += f" -> {WELSH_EQUIVALENTS.get(target, target)}"
        if tag != "p" or element_id:
            items.append(label)
    return items


def test_every_english_page_has_a_welsh_twin():
    missing = [
        page.as_posix()
        for page in site.source_pages()
        if not (site.DOCS / site.twin(page)).exists()
    ]
    assert not missing, f"English pages without page.cy.md: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_welsh_twin_has_the_same_structure(site_dir, page):
    english = structure(built_html(site_dir, page, "en"))
    welsh = structure(built_html(site_dir, page, "cy"))
    if page.as_posix() == "glossary.md":
        # Each language's glossary is in its own alphabetical order: the same entries.
        english, welsh = sorted(english), sorted(welsh)
    for index, (en, cy) in enumerate(zip(english, welsh, strict=False)):
        assert en == cy, f"{page} element {index + 1}: English {en!r}, Welsh {cy!r}"
    assert len(english) == len(welsh), (
        f"{page}: {len(english)} elements in English, {len(welsh)} in Welsh; first extra: "
        f"{(english + welsh)[min(len(english), len(welsh))]!r}"
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_language_link_leads_to_the_twin(site_dir, page):
    for language, other in (("en", "cy"), ("cy", "en")):
        html = built_html(site_dir, page, language)
        link = re.search(r"<a [^>]*data-language-link[^>]*>([^<]+)</a>", html)
        assert link, f"{page} ({language}) has no language link"
        tag = link.group(0)
        assert f'hreflang="{other}"' in tag and f'lang="{other}"' in tag
        assert link.group(1).strip() == {"cy": "Cymraeg", "en": "English"}[other]
        href = re.search(r'href="([^"]+)"', tag).group(1)
        here = "http://site.test/" + site.page_url_path(page, language)
        assert urljoin(here, href) == "http://site.test/" + site.page_url_path(page, other)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_pages_name_their_language_and_no_absolute_alternates(site_dir, page, base_url):
    """hreflang pairs are in the sitemaps: a <link rel="alternate"> in the head makes Material
    fetch sitemap.xml from SITE_URL, which fails from any other origin."""
    for language in site.LANGUAGES:
        html = built_html(site_dir, page, language)
        assert f'<html lang="{language}"' in html
        assert '<link rel="alternate" href' not in html


def test_each_language_has_its_sitemap_with_hreflang_pairs(site_dir, base_url):
    for language in site.LANGUAGES:
        sitemap = (site_dir / site.language_root(language) / "sitemap.xml").read_text()
        for page in PAGES:
            location = base_url + site.page_url_path(page, language)
            assert f"<loc>{location}</loc>" in sitemap
            for other in site.LANGUAGES:
                alternate = base_url + site.page_url_path(page, other)
                assert f'hreflang="{other}" href="{alternate}"' in sitemap


def test_each_language_has_its_own_search_index(site_dir):
    import json

    english = json.loads((site_dir / "search" / "search_index.json").read_text())
    welsh = json.loads((site_dir / "cy" / "search" / "search_index.json").read_text())
    # Each names its own plugin, and the whole pipeline, so Material's worker removes nothing
    # from the plugin's pipeline (hooks/search.py).
    assert english["config"]["lang"] == ["en-gb"] and welsh["config"]["lang"] == ["cy"]
    for index in (english, welsh):
        assert index["config"]["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert not any(doc["location"].startswith("cy/") for doc in english["docs"])
    english_titles = {doc["title"] for doc in english["docs"] if "#" not in doc["location"]}
    welsh_titles = {doc["title"] for doc in welsh["docs"] if "#" not in doc["location"]}
    assert len(english_titles) == len(welsh_titles) == len(PAGES)
    assert not english_titles & welsh_titles - {"English", "Cymraeg"}


def test_every_interface_string_exists_in_both_languages():
    strings = load_ui_strings()
    assert strings["en"].keys() == strings["cy"].keys()


def test_a_missing_welsh_string_names_the_file_and_key(tmp_path):
    broken = tmp_path / "ui.yml"
    broken.write_text("footer_label:\n  en: Site information\n", encoding="utf-8")
    with pytest.raises(Exception, match="footer_label' has no cy string"):
        load_ui_strings(broken)
    assert UI_STRINGS.exists()


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_spelling(site_dir, language, record_property):
    """Hunspell (en-GB; Welsh: techiaith) with the reviewed word lists in tests/spelling/."""
    report, failures = [], []
    for page in PAGES:
        text = article_text(built_html(site_dir, page, language), skip_other_languages=True)
        unknown, total = unknown_words(text, language)
        rate = 100 * sum(unknown.values()) / max(total, 1)
        report.append(f"{site.page_url_path(page, language) or 'home'} {rate:.2f}%")
        if rate > MAX_UNKNOWN_RATE:
            failures.append(f"{page} ({language}): {rate:.2f}% unknown: {dict(unknown)}")
    record_property(
        "summary", f"Spelling ({language}), unknown words per page: " + ", ".join(report)
    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_welsh_twin_uses_the_glossary_terms(site_dir, page):
    english = " ".join(article_text(built_html(site_dir, page, "en")).split())
    welsh = " ".join(article_text(built_html(site_dir, page, "cy")).split())
    missing = [
        f"{entry['term']} (expected /{entry['cy']}/)"
        for entry in GLOSSARY
        if re.search(entry["en"], english, re.IGNORECASE)
        and not re.search(entry["cy"], welsh, re.IGNORECASE)
    ]
    assert not missing, f"{page}: Welsh twin lacks glossary terms: {missing}"
