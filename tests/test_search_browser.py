"""Search in both languages through Material's own search worker in Chromium
(tests/search_worker.py): inflected, mutated, accent-less and phrase queries, against what the
built index holds.

The expected pages are worked out from the index's own text (which pages have a word of the
family), so the comparisons are of whole results, not "appears somewhere".
"""

import html
import json
import re
from functools import cache

import pytest

from hooks.search import fold
from tests import site
from tests.search_worker import search_pages

ENGLISH_QUERIES = {
    # inflections the text lacks, and the ones it has
    "inflected": ["threatens", "threatened", "threatening", "threats", "threat"],
    "stop words": ["risk of harm", "risk harm"],
    "phrase": ['"disguised compliance"', "disguised compliance"],
    "exact first": ["threats", "threatening"],
}
WELSH_QUERIES = {
    # after "(": found only once the Welsh trimmer runs
    "trimmed": ['"gweler"', '"cyfeiriwch"'],
    "stop words": ["tebyg i wystl", "tebyg wystl"],
    # families: an irregular plural, a derived adjective, hunspell's stems
    "families": ["plant", "plentyn", "amlasiantaethol", "teuluoedd", "bygythiadau"],
    # mutated queries whose forms are not in the text as typed
    "mutated": ["gwystl", "oruchwyliaeth", "nghymorth", "mhlentyn"],
    "accent-less": ["grwp craidd", "ty"],
    "apostrophes": ["sy'n wynebu risg", "sy’n wynebu risg"],
}


@pytest.fixture(scope="module")
def english(_chromium, server):
    queries = [query for each in ENGLISH_QUERIES.values() for query in each]
    return search_pages(_chromium(), server, "en", queries)


@pytest.fixture(scope="module")
def welsh(_chromium, server):
    queries = [query for each in WELSH_QUERIES.values() for query in each]
    return search_pages(_chromium(), server, "cy", queries)


@cache
def index_text(site_dir, language: str) -> tuple[re.Pattern, dict[str, str]]:
    """The index's separator, and each page's text in the built index."""
    root = site.language_root(language)
    index = json.loads((site_dir / root / "search" / "search_index.json").read_text())
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc.get('text', '')}"))
        page = root + doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + text
    return re.compile(index["config"]["separator"]), pages


@cache
def index_words(site_dir, language: str) -> dict[str, set[str]]:
    """Each page's words (lower case, trimmed of punctuation; Welsh folded as its plugin folds)."""
    separator, pages = index_text(site_dir, language)
    return {
        page: {fold(re.sub(r"^[\W_]+|[\W_]+$", "", part)) for part in separator.split(text)} - {""}
        for page, text in pages.items()
    }


def pages_with(site_dir, language: str, pattern: str) -> set[str]:
    word = re.compile(pattern)
    return {
        page
        for page, words in index_words(site_dir, language).items()
        if any(word.fullmatch(each) for each in words)
    }


def test_english_inflections_find_the_whole_word_family(english, site_dir):
    family = pages_with(site_dir, "en", r"threat\w*")
    assert len(family) >= 6
    for query in ENGLISH_QUERIES["inflected"]:
        assert set(english[query]) == family, query


def test_english_exact_matches_rank_first(english, site_dir):
    for query in ENGLISH_QUERIES["exact first"]:
        exact = pages_with(site_dir, "en", query)
        found = english[query]
        assert set(found[: len(exact)]) == exact, (query, found)


def test_english_stop_words_do_not_change_a_query(english):
    assert english["risk of harm"] == english["risk harm"] and english["risk harm"]


def test_english_quoted_phrase_needs_every_word(english, site_dir):
    both = pages_with(site_dir, "en", r"disguis\w*") & pages_with(site_dir, "en", r"complian\w*")
    assert set(english['"disguised compliance"']) == both
    # Unquoted, either word finds a page; the page with the phrase is among the first.
    unquoted = english["disguised compliance"]
    assert set(unquoted) > both
    assert "sections/recognition-and-understanding/" in unquoted[:5]


def test_welsh_trimmer_finds_words_after_a_bracket(welsh, site_dir):
    for query in WELSH_QUERIES["trimmed"]:
        word = query.strip('"')
        expected = pages_with(site_dir, "cy", word)
        assert set(welsh[query]) == expected, query
        # Some have it after "(", which only the Welsh trimmer takes off.
        _, texts = index_text(site_dir, "cy")
        bracketed = {page for page, text in texts.items() if f"({word}" in text.lower()}
        assert bracketed and bracketed <= set(welsh[query]), query


def test_welsh_function_words_do_not_swamp_a_phrase(welsh):
    assert welsh["tebyg i wystl"] == welsh["tebyg wystl"]
    assert welsh["tebyg i wystl"][0] == "cy/appendices/dealing-with-hostility-and-violence/"


def test_welsh_families_are_joined(welsh, site_dir):
    children = pages_with(site_dir, "cy", r"[pbm]h?l[ae]nt(yn|os)?|plant")
    assert set(welsh["plant"]) == set(welsh["plentyn"]) >= children
    assert set(welsh["amlasiantaethol"]) >= pages_with(site_dir, "cy", r"aml-?asiantaeth")
    assert set(welsh["teuluoedd"]) >= pages_with(site_dir, "cy", r"[tdn]h?eulu")
    assert set(welsh["bygythiadau"]) >= pages_with(site_dir, "cy", r"[bfm]ygythiad")


MUTATED = {
    # radical -> soft-mutated occurrences ("tebyg i wystl")
    "gwystl": [
        "cy/appendices/dealing-with-hostility-and-violence/",
        "cy/sections/impact-on-assessment/",
    ],
    # soft-mutated query -> radical occurrences
    "oruchwyliaeth": ["cy/sections/supervision/", "cy/appendices/supervision-and-support/"],
    # nasal query -> aspirate and radical occurrences (chymorth, cymorth)
    "nghymorth": ["cy/appendices/supervision-and-support/"],
    # nasal query -> soft occurrence (blentyn)
    "mhlentyn": ["cy/sections/impact-on-assessment/"],
}


def test_welsh_mutated_queries_find_the_other_forms(welsh, site_dir):
    for query, expected in MUTATED.items():
        assert not pages_with(site_dir, "cy", query) >= set(expected), f"{query} is in the text"
        assert set(welsh[query]) >= set(expected), (query, welsh[query])


def test_welsh_needs_no_circumflex_and_takes_either_apostrophe(welsh, site_dir):
    assert "cy/sections/multi-agency-meetings/" in welsh["grwp craidd"]
    assert set(welsh["ty"]) >= pages_with(site_dir, "cy", "ty")
    assert welsh["sy'n wynebu risg"] == welsh["sy’n wynebu risg"] and welsh["sy'n wynebu risg"]
