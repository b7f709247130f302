"""Every question, quote and point a tool shows is the protocol's own words, on the page its
reference links to, in each language (CPython only: it reads the built site)."""

from pathlib import Path

import pytest

from mawwsb_tools import LANGUAGES, load_spec
from tests import site
from tests.html_text import article_text
from tests.tools.test_logic import TOOLS


def _normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _page_text(site_dir: Path, target: str, language: str) -> str:
    page = Path(target.partition("#")[0])
    return _normalised(article_text(site.built_file(site_dir, page, language).read_text()))


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_protocol_words_appear_on_the_referenced_page(site_dir, tool, language):
    spec = load_spec(tool)
    missing = []
    checks = []
    for question in spec.questions:
        if not question.own_words:
            checks.append((question.id, question.ref, [question.text[language]]))
        for group in question.item_groups:
            checks.append((f"{question.id}.{group.id}", question.ref, [group.text[language]]))
        for item in question.items:
            words = [
                "" if item.own_words else item.text[language],
                item.description[language] if item.description else "",
            ]
            checks.append((f"{question.id}.{item.id}", item.ref or question.ref, words))
    for outcome in spec.outcomes:
        if outcome.quote:
            checks.append((f"outcome {outcome.id}", outcome.ref, [outcome.quote[language]]))
    for rule in spec.rules:
        words = [
            rule.quote[language] if rule.quote else "",
            *(rule.points or {language: ()})[language],
        ]
        checks.append((rule.id, rule.ref, words))
    for item, ref_id, words in checks:
        text = _page_text(site_dir, spec.references[ref_id].target, language)
        missing += [f"{item}: {w!r}" for w in words if w and _normalised(w) not in text]
    assert not missing, f"{tool} ({language}): not on the referenced page:\n" + "\n".join(missing)


def test_every_case_cites_the_protocols_own_words(site_dir):
    """Each case of the corpus names the passage that decides it, in the protocol's words."""
    from tests.tools.test_cases import cases

    missing = []
    for name, case in cases():
        text = _page_text(site_dir, case["passage"], "en")
        if _normalised(case["words"]) not in text:
            missing.append(f"{name}: {case['words']!r} not on {case['passage']}")
    assert not missing, "\n".join(missing)


def test_every_fact_rests_on_a_passage_and_is_fed_by_a_tool():
    """Each fact of the decision model cites a protocol page, and some tool's answers make it
    hold (or it is computed from unanswered questions)."""
    specs = [load_spec(tool) for tool in TOOLS]
    fed = {signal.fact for spec in specs for signal in spec.signals}
    for fact in specs[0].facts:
        assert fact.ref.target.partition("#")[2], fact.id
        assert fact.unanswered or fact.id in fed, f"no tool feeds {fact.id}"
