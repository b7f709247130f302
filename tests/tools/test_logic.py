"""The tools' logic: worked examples, summaries, the browser door and spec validation.

Plain functions with plain asserts and no pytest fixtures, so that the same file runs under
pytest on CPython and, unchanged, inside real Pyodide under Node (tests/tools/test_in_pyodide.py).
"""

import copy
import json
import tomllib

from mawwsb_tools import LANGUAGES, SpecError, evaluate, load_spec
from mawwsb_tools.browser import handle
from mawwsb_tools.engine import applied_rules, page_url, unanswered_questions
from mawwsb_tools.spec import SPECS, validate
from mawwsb_tools.summary import as_markdown, as_text

# Every tool the site has: one spec file each, beside common.toml.
TOOLS = sorted(
    path.name.removesuffix(".toml").replace("_", "-")
    for path in SPECS.iterdir()
    if path.name.endswith(".toml") and path.name != "common.toml"
)
HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> \x00\x07\x1b[31m "
    "\u202eتجربة\u202c 🙂 ŵ ŷ Ŵ Ŷ " + "x" * 100_000
)


def _raw(name: str) -> dict:
    return tomllib.loads((SPECS / name).read_text(encoding="utf-8"))


def _always(spec) -> list[str]:
    return [rule["id"] for rule in spec.rules if rule["when"] == "always"]


def test_worked_examples_in_both_languages():
    for tool in TOOLS:
        spec = load_spec(tool)
        assert spec.examples, f"{tool} has no worked examples"
        for example in spec.examples:
            for language in LANGUAGES:
                result = evaluate(spec, example["answers"], language, plan=example.get("plan"))
                expected = sorted(_always(spec) + example["rules"])
                assert sorted(applied_rules(result)) == expected, (tool, example["name"])
                assert unanswered_questions(result) == example.get("unanswered", [])
                if "plan_rows" in example:
                    assert len(result["plan"]["rows"]) == example["plan_rows"], example["name"]


def test_every_conditional_rule_has_a_worked_example():
    for tool in TOOLS:
        spec = load_spec(tool)
        exercised = {rule for example in spec.examples for rule in example["rules"]}
        conditional = {rule["id"] for rule in spec.rules if rule["when"] != "always"}
        assert conditional <= exercised, sorted(conditional - exercised)


def test_results_are_grouped_in_the_specs_order_of_urgency():
    spec = load_spec("pre-visit-checklist")
    result = evaluate(spec, {}, "en")
    shown = [group["id"] for group in result["groups"]]
    assert shown == [group["id"] for group in spec.groups if group["id"] in shown]
    assert shown == ["emergency", "before", "during"]  # nothing for the manager yet
    assert result["groups"][0]["items"][0]["rule"] == "dial-999"


def test_every_prompt_cites_its_source_with_a_link():
    spec = load_spec("pre-visit-checklist")
    for language in LANGUAGES:
        result = evaluate(spec, {}, language, base_url="https://example.org/p/")
        for group in result["groups"]:
            for item in group["items"]:
                assert item["source"]["label"]
                assert item["source"]["url"].startswith("https://example.org/p/")
                assert "#" in item["source"]["url"]


def test_unknown_or_malformed_answers_count_as_unanswered():
    spec = load_spec("pre-visit-checklist")
    result = evaluate(spec, {"joint-visit": "maybe", "car-targeted": 3, "nope": "yes"}, "en")
    assert "joint-visit" in unanswered_questions(result)
    assert "car-targeted" in unanswered_questions(result)
    assert evaluate(spec, "not a mapping", "en")["answers"][0]["answer"] == "Not answered"


def test_summary_text_and_markdown_hold_answers_notes_and_sources():
    spec = load_spec("pre-visit-checklist")
    notes = {"check-in": "Call the office by 3pm", "visit-notes": HOSTILE}
    for language in LANGUAGES:
        result = evaluate(spec, {"joint-visit": "yes"}, language, notes, "https://e.org/")
        text, markdown = as_text(spec, result), as_markdown(spec, result)
        for output in (text, markdown):
            assert spec.question("joint-visit")["text"][language] in output
            assert spec.options["yes"][language] in output
            assert "Call the office by 3pm" in output
            assert "https://e.org/appendices/keeping-professionals-safe/#before-contact" in output
        assert HOSTILE.strip() in text  # the reader's own text, exactly as typed
        # In Markdown nothing the reader typed becomes markup: every punctuation mark escaped.
        assert "\\<script\\>alert\\(1\\)\\</script\\>" in markdown
        assert "<script>" not in markdown
        assert "[" in markdown and "](https://e.org/" in markdown


def test_browser_door_round_trip():
    request = {
        "tool": "pre-visit-checklist",
        "language": "cy",
        "answers": {"means-of-help": "no"},
        "notes": {"who-to-call": "Tîm dyletswydd"},
        "base": "https://e.org/cy/",
    }
    result = json.loads(handle(json.dumps(request)))
    assert "get-means-of-help" in applied_rules(result)
    assert "Tîm dyletswydd" in result["text"] and "Tîm dyletswydd" in result["markdown"]
    assert result["title"] == "Rhestr wirio diogelwch cyn ymweliad"


def test_page_urls():
    assert page_url("appendices/x.md#a") == "appendices/x/#a"
    assert page_url("index.md#top") == "#top"
    assert page_url("tools/index.md") == "tools/"


def _expect_error(data: dict, *fragments: str, anchors=None) -> None:
    try:
        validate("broken.toml", data, _raw("common.toml"), anchors)
    except SpecError as error:
        message = str(error)
        assert message.startswith("broken.toml: "), message
        for fragment in fragments:
            assert fragment in message, (fragment, message)
    else:
        raise AssertionError(f"no error for {fragments}")


def test_validation_names_file_and_field():
    good = _raw("pre_visit_checklist.toml")

    broken = copy.deepcopy(good)
    del broken["questions"][2]["text"]["cy"]
    _expect_error(broken, "questions[2].text.cy", "missing Welsh string")

    broken = copy.deepcopy(good)
    broken["rules"][1]["when"]["question"] = "no-such-question"
    _expect_error(broken, "rules[1].when.question", "unknown question 'no-such-question'")

    broken = copy.deepcopy(good)
    broken["questions"][1]["id"] = broken["questions"][0]["id"]
    _expect_error(broken, "questions and notes[1].id", "duplicate id")

    broken = copy.deepcopy(good)
    broken["rules"][1]["when"]["answers"] = ["perhaps"]
    _expect_error(broken, "rules[1].when.answers", "unknown answer")

    broken = copy.deepcopy(good)
    broken["rules"][-1]["points"]["cy"].pop()
    _expect_error(broken, "points", "differ in length")

    broken = copy.deepcopy(good)
    broken["rules"][0]["prompt"]["en"] = "  "
    _expect_error(broken, "rules[0].prompt.en", "missing English string")

    broken = copy.deepcopy(good)
    broken["references"]["before-contact"]["target"] = "appendices/nowhere.md#x"
    _expect_error(broken, "references.before-contact.target", "no protocol page", anchors={})

    pages = {
        target.partition("#")[0]: {
            ref["target"].partition("#")[2] for ref in good["references"].values()
        }
        for target in (ref["target"] for ref in good["references"].values())
    }
    broken = copy.deepcopy(good)
    broken["references"]["before-contact"]["target"] = (
        "appendices/keeping-professionals-safe.md#no-such-anchor"
    )
    _expect_error(
        broken, "references.before-contact.target", "no anchor '#no-such-anchor'", anchors=pages
    )
    validate("good.toml", good, _raw("common.toml"), pages)  # and the real spec passes


def test_malformed_toml_names_the_file():
    try:
        load_spec("no-such-tool")
    except SpecError as error:
        assert "no_such_tool.toml" in str(error)
    else:
        raise AssertionError("no error for a missing spec")
