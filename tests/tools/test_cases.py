"""The case corpus (tests/cases/): realistic cases, each with the answers, the bottom line the
protocol requires and the passage that decides it, written from the protocol before the tools
were run on them. The tools must give exactly that bottom line, with exactly those facts as its
reasons, in both languages.

Plain functions with plain asserts, so that the same file runs under pytest on CPython and,
unchanged, inside real Pyodide under Node (tests/tools/test_in_pyodide.py copies the cases to
/cases there). The passages' words are checked against the built pages in test_traceability.py,
and a subset runs through the page in Chromium (tests/test_tools_browser.py).
"""

import dataclasses
import tomllib
from pathlib import Path

from mawwsb_tools import LANGUAGES, evaluate, tool_ids
from mawwsb_tools import load_spec as _load_spec
from mawwsb_tools.engine import reason_facts

# Beside this file's folder on CPython; /cases inside Pyodide.
CASES = Path(__file__).resolve().parent.parent / "cases"
KEYS = {"tool", "name", "story", "passage", "words", "outcome", "reasons", "browser", "answers"}
_SPECS = {}


def load_spec(tool: str):
    """Each spec is read and checked once for the whole corpus."""
    if tool not in _SPECS:
        _SPECS[tool] = _load_spec(tool) if tool in tool_ids() else None
    return _SPECS[tool]


def cases() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        unknown = set(case) - KEYS - {"plan"}
        assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
        found.append((path.stem, case))
    return found


def outcome_of(spec, case: dict, language: str) -> dict:
    result = evaluate(spec, case["answers"], language, plan=case.get("plan"))
    return result["outcome"]


def test_the_corpus_covers_every_tool_and_mode():
    found = cases()
    assert len(found) >= 40, len(found)
    tools = {case["tool"] for _, case in found}
    assert tools == {"pre-visit-checklist", "hostility-self-assessment", "supervision-questions"}
    modes = {case["answers"].get("mode") for _, case in found if "mode" in case["answers"]}
    assert modes == {"supervisee", "supervisor"}
    browser = [name for name, case in found if case.get("browser")]
    assert len(browser) >= 10, browser
    for tool in tools:
        spec = load_spec(tool)
        reached = {case["outcome"] for _, case in found if case["tool"] == tool}
        assert reached == {outcome.id for outcome in spec.outcomes}, tool
    for name, case in found:
        for key in ("name", "story", "passage", "words"):
            assert case[key].strip(), (name, key)
        page, _, anchor = case["passage"].partition("#")
        assert page.endswith(".md") and anchor, name


def test_every_case_gives_the_bottom_line_the_protocol_requires():
    wrong = []
    for name, case in cases():
        spec = load_spec(case["tool"])
        for language in LANGUAGES:
            outcome = outcome_of(spec, case, language)
            got = (outcome["id"], reason_facts({"outcome": outcome}))
            expected = (case["outcome"], case["reasons"])
            if got != expected:
                wrong.append(f"{name} ({language}): {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_every_bottom_line_shows_its_reasons_with_their_answers_and_passages():
    for name, case in cases():
        spec = load_spec(case["tool"])
        for language in LANGUAGES:
            outcome = outcome_of(spec, case, language)
            assert outcome["reasons"] or outcome["confirmed"]["answers"], name
            for reason in outcome["reasons"] + [r for a in outcome["also"] for r in a["reasons"]]:
                assert reason["text"] and reason["source"]["url"], (name, reason["id"])
                if not spec.fact(reason["id"]).unanswered:
                    assert reason["because"], (name, reason["id"])


def _with_levels_swapped(spec, first: str, second: str):
    levels = {fact.id: fact.level for fact in spec.facts}
    swapped = tuple(
        dataclasses.replace(fact, level=levels[second] if fact.id == first else levels[first])
        if fact.id in (first, second)
        else fact
        for fact in spec.facts
    )
    return dataclasses.replace(spec, facts=swapped)


def test_a_broken_model_fails_the_corpus():
    """Swapping two facts' levels in the model must change the bottom line of some case."""
    for first, second in (
        ("threat-of-violence", "hostility-known"),
        ("not-answered", "car-targeted"),
    ):
        caught = 0
        for _, case in cases():
            spec = _with_levels_swapped(load_spec(case["tool"]), first, second)
            outcome = outcome_of(spec, case, "en")
            if (outcome["id"], reason_facts({"outcome": outcome})) != (
                case["outcome"],
                case["reasons"],
            ):
                caught += 1
        assert caught, (first, second)
