"""Welsh search: mutation expansion (unit tests in Node on the site's own lunr plugin), the Welsh
index's tokenising, and searching the built site in Chromium in both languages.

The rules and worked examples come from shared/welsh/mutations.md.
"""

import json
import os
import re
import subprocess
from functools import cache

import pytest

from hooks.search import WELSH_SEARCH_SEPARATOR
from tests import site

HARNESS = site.ROOT / "tests" / "lunr_cy_harness.js"

# mutations.md, "Worked examples (each must hold)": mutated forms -> radical.
WORKED_EXAMPLES = {
    "plentyn": ["blentyn", "mhlentyn", "phlentyn"],
    "gweithiwr": ["weithiwr"],
    "teulu": ["deulu", "nheulu", "theulu"],
    "diogelu": ["ddiogelu", "niogelu"],
    "cymorth": ["gymorth", "nghymorth", "chymorth"],
    "powys": ["Mhowys"],
    "ceredigion": ["Ngheredigion"],
    "caerfyrddin": ["Gaerfyrddin"],
    "penfro": ["Benfro"],
    "rhieni": ["rieni"],
    "trais": ["drais", "thrais"],
    "goruchwyliaeth": ["oruchwyliaeth"],
}
# mutations.md, digraph traps: what a word starting with a digraph may (not) come from.
DIGRAPH_TRAPS = {
    "ffoniwch": [],  # f -> b|m must not fire on ff
    "ddiogelu": ["diogelu"],  # d -> t must not fire on dd
    "llys": [],  # l -> ll|gl must not fire on ll
    "rhieni": [],  # r -> rh|gr must not fire on rh
    "mhlentyn": ["plentyn"],  # m -> b must not fire on mh
    "nheulu": ["teulu"],  # n -> d must not fire on nh
    "ngofal": ["gofal"],  # n -> d must not fire on ng
    "nghymorth": ["cymorth"],  # ng -> g must not fire on ngh (no bogus "ghymorth")
}


@cache
def harness(words: tuple[str, ...]) -> dict:
    result = subprocess.run(
        ["node", str(HARNESS)],
        input=json.dumps(list(words)),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


ALL_WORDS = tuple(
    sorted(
        {w for forms in WORKED_EXAMPLES.values() for w in forms}
        | set(WORKED_EXAMPLES)
        | set(DIGRAPH_TRAPS)
        | {"grŵp", "grwp", "tŷ", "aml-asiantaeth", "ofal", "henw", "sy’n"}
        | {"yn", "i", "yr", "a", "ac", "fy", "ei", "y", "blant", "mhlant", "plant", "rhieni"}
        | {"gweithwyr", "ymarferydd", "cŵn", "teuluol", "partneriaeth", "ysgol", "amlasiantaethol"}
    )
)


@pytest.mark.parametrize("radical", sorted(WORKED_EXAMPLES))
def test_worked_example_mutated_forms_lead_to_the_radical(radical):
    result = harness(ALL_WORDS)
    for mutated in WORKED_EXAMPLES[radical]:
        assert radical in result["radicals"][mutated], (mutated, result["radicals"][mutated])
        # …so a query for either form meets the other in the index.
        assert radical in result["variants"][mutated]
        assert mutated.lower() in result["variants"][radical]


@pytest.mark.parametrize("word", sorted(DIGRAPH_TRAPS))
def test_digraph_traps(word):
    assert harness(ALL_WORDS)["radicals"][word] == DIGRAPH_TRAPS[word]


def test_no_bogus_form_from_ngh():
    variants = harness(ALL_WORDS)["variants"]["nghymorth"]
    assert "ghymorth" not in variants and "hymorth" not in variants


def test_soft_mutation_of_g_and_h_prothesis():
    result = harness(ALL_WORDS)
    assert "gofal" in result["radicals"]["ofal"]
    assert "enw" in result["radicals"]["henw"]
    assert "hofal" in result["mutations"]["ofal"]


def test_circumflexes_are_optional_and_apostrophes_alike():
    result = harness(ALL_WORDS)
    assert result["fold"]["grŵp"] == "grwp" == result["fold"]["grwp"]
    assert "grwp" in result["variants"]["grŵp"]
    assert result["query"]["grŵp"] == [["grwp*", 1]]  # queries are folded the same way
    assert result["fold"]["sy’n"] == "sy'n"
    assert result["variants"]["tŷ"] == ["ty"]  # lunr's ASCII trimmer would leave "t"


def test_hyphenated_words_are_indexed_joined_and_split():
    variants = harness(ALL_WORDS)["variants"]["aml-asiantaeth"]
    for form in ("aml-asiantaeth", "amlasiantaeth", "aml", "asiantaeth"):
        assert form in variants


def test_function_words_are_neither_indexed_nor_searched():
    result = harness(ALL_WORDS)
    for word in ("yn", "i", "yr", "a", "ac", "fy", "ei", "y"):
        assert result["variants"][word] == [], word
        assert result["query"][word] == [], word


def test_a_query_searches_the_word_then_its_family_far_below():
    result = harness(ALL_WORDS)
    assert result["query"]["plentyn"] == [["plentyn*", 1], ["plant", 1e-4]]
    assert result["query"]["blant"] == [["blant*", 1], ["plentyn", 1e-4]]
    assert result["query"]["amlasiantaethol"] == [["amlasiantaethol*", 1], ["amlasiantaeth", 1e-4]]


@pytest.mark.parametrize(
    ("word", "family"),
    [
        ("plentyn", ["plant"]),
        ("plant", ["plentyn"]),
        ("mhlant", ["plentyn"]),  # mutated: the family of its radical
        ("rhieni", ["rhiant"]),
        ("gweithwyr", ["gweithiwr"]),
        ("ymarferydd", ["ymarferwyr"]),
        ("cŵn", ["ci"]),
        ("teuluol", ["teulu"]),  # -ol
        ("partneriaeth", ["partneri"]),  # -aeth: partneriaid, partneriaethau
        ("ysgol", []),  # too short to be a derived word
    ],
)
def test_irregular_plurals_and_derived_words_join_their_family(word, family):
    assert harness(ALL_WORDS)["family"][word] == family


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("sy'n", ["sy", "n"]),
        ("i’r plentyn", ["i", "r", "plentyn"]),
        ("diogelu'r", ["diogelu", "r"]),
        ("aml-asiantaeth", ["aml-asiantaeth"]),
    ],
)
def test_welsh_index_splits_clitics_not_hyphens(text, tokens):
    assert [part for part in re.split(WELSH_SEARCH_SEPARATOR, text) if part] == tokens


def built_harness(site_dir, words: list[str]) -> dict:
    """The harness on the built plugin, whose families hooks/search.py filled from hunspell."""
    built = site_dir / "assets" / "javascripts" / "lunr" / "min" / "lunr.cy.min.js"
    result = subprocess.run(
        ["node", str(HARNESS)],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LUNR_CY": str(built)},
    )
    return json.loads(result.stdout)


def test_the_built_plugin_has_hunspell_families_of_the_text(site_dir):
    text = (site_dir / "assets" / "javascripts" / "lunr" / "min" / "lunr.cy.min.js").read_text()
    families = json.loads(re.search(r"const FAMILIES = (\{.*?\});", text).group(1))
    suffixes = json.loads(re.search(r"const SUFFIXES = (\[.*?\]);", text).group(1))
    # hunspell's stems, mutated or not; no entry only for a mutation (the plugin's own rules)
    assert families["teuluoedd"] == ["teulu"]
    assert families["bygythiadau"] == families["fygythiadau"] == ["bygythiad"]
    assert "adael" not in families
    assert {"au", "oedd", "iau", "ion"} <= set(suffixes)
    assert suffixes == sorted(suffixes, key=lambda suffix: (-len(suffix), suffix))
    result = built_harness(site_dir, ["teuluoedd", "ardaloedd", "ardal"])
    assert result["family"]["teuluoedd"] == ["teulu"]
    # A query word the text lacks loses its commonest ending; the text has "ardal" only.
    assert "ardaloedd" not in families
    assert result["query"]["ardaloedd"] == [["ardaloedd*", 1], ["ardal", 1e-4]]
    assert result["query"]["ardal"] == [["ardal*", 1]]
