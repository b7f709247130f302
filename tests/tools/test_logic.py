"""The tools' logic: worked examples, summaries, the browser door and spec validation.

Plain functions with plain asserts and no pytest fixtures, so that the same file runs under
pytest on CPython and, unchanged, inside real Pyodide under Node (tests/tools/test_in_pyodide.py).
"""

import copy
import json
import tomllib

from mawwsb_tools import LANGUAGES, SpecError, evaluate, load_spec, tool_ids
from mawwsb_tools.browser import handle, load
from mawwsb_tools.engine import applied_rules, page_url, unanswered_questions
from mawwsb_tools.spec import SPECS, compile_spec, load_compiled, validate
from mawwsb_tools.summary import as_markdown, as_text

# Every tool the site has: one spec file each, beside common.toml.
TOOLS = tool_ids()
HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> \x00\x07\x1b[31m "
    "\u202eتجربة\u202c 🙂 ŵ ŷ Ŵ Ŷ " + "x" * 100_000
)


def _raw(name: str) -> dict:
    return tomllib.loads((SPECS / name).read_text(encoding="utf-8"))


def _always(spec) -> list[str]:
    return [rule.id for rule in spec.rules if rule.when == "always"]


def _expected_unanswered(spec, example) -> list[str]:
    """Every choice question of the example's mode (or of every section) left unanswered."""
    if example.unanswered is not None:
        return list(example.unanswered)
    mode = example.answers.get(spec.tool.mode_question or "")
    other_modes = {s.id for s in spec.sections if s.mode and mode and s.mode != mode}
    return [
        q.id
        for q in spec.questions
        if q.kind == "choice" and q.id not in example.answers and q.section not in other_modes
    ]


def test_worked_examples_in_both_languages():
    for tool in TOOLS:
        spec = load_spec(tool)
        assert spec.examples, f"{tool} has no worked examples"
        for example in spec.examples:
            for language in LANGUAGES:
                where = (tool, example.name, language)
                result = evaluate(spec, example.answers, language, plan=example.plan)
                expected = sorted(_always(spec) + list(example.rules))
                assert sorted(applied_rules(result)) == expected, where
                assert result["outcome"]["id"] == example.outcome, where
                reasons = [reason["id"] for reason in result["outcome"]["reasons"]]
                assert reasons == list(example.reasons), where
                if example.first_group is not None:
                    assert result["groups"][0]["id"] == example.first_group, where
                assert unanswered_questions(result) == _expected_unanswered(spec, example), where
                if example.plan_rows is not None:
                    assert len(result["plan"]["rows"]) == example.plan_rows, example.name


def test_every_conditional_rule_and_every_outcome_has_a_worked_example():
    for tool in TOOLS:
        spec = load_spec(tool)
        exercised = {rule for example in spec.examples for rule in example.rules}
        conditional = {rule.id for rule in spec.rules if rule.when != "always"}
        assert conditional <= exercised, sorted(conditional - exercised)
        reached = {example.outcome for example in spec.examples}
        assert reached == {outcome.id for outcome in spec.outcomes}, tool


def test_the_outcome_is_the_most_urgent_one_named_and_lists_its_reasons():
    spec = load_spec("pre-visit-checklist")
    hostile = {"hostile-before": "yes", "action-plan-agreed": "no", "means-of-help": "no"}
    not_ready = evaluate(spec, hostile, "en")["outcome"]
    assert not_ready == {
        "id": "not-ready",
        "title": "You are not ready for this visit yet.",
        "reasons_title": "Why:",
        "reasons": [
            {
                "id": rule_id,
                "prompt": spec_rule(spec, rule_id).prompt["en"],
                "href": f"#summary-rule-{rule_id}",
            }
            for rule_id in ("agree-action-plan", "get-means-of-help", "tell-colleagues")
        ],
        "quote": {
            "lead": "The protocol says:",
            "text": "Not go unprepared, be aware of the situation and the likely response",
        },
        "source": {
            "ref": "professionals-should",
            "label": "Appendix 3: Professionals should",
            "url": "appendices/keeping-professionals-safe/#professionals-should",
        },
    }
    # Immediate danger outranks not being ready: one bottom line, the most urgent.
    danger = evaluate(spec, {**hostile, "immediate-danger": "yes"}, "cy")["outcome"]
    assert danger["id"] == "act-now"
    assert [reason["id"] for reason in danger["reasons"]] == ["dial-999-now"]
    assert danger["title"] == "Gweithredwch nawr, cyn i chi gynllunio'r ymweliad hwn ymhellach."


def spec_rule(spec, rule_id):
    return next(rule for rule in spec.rules if rule.id == rule_id)


def test_rules_combine_answers_all_any_and_not():
    spec = load_spec("pre-visit-checklist")
    safe = {"hostile-before": "no", "joint-visit": "no"}

    def applied(answers):
        return set(applied_rules(evaluate(spec, answers, "en")))

    # all of: hostility known and a lone visit, not either alone
    assert "reconsider-lone-visit" not in applied(safe)
    joint = {**safe, "hostile-before": "yes", "joint-visit": "yes"}
    assert "reconsider-lone-visit" not in applied(joint)
    assert "reconsider-lone-visit" in applied({**safe, "hostile-before": "yes"})
    # any of: a threat ticked counts as hostility known, with "No" to the question
    assert "reconsider-lone-visit" in applied({**safe, "threats-known": ["dogs-as-threat"]})
    # not: "do not assume" only when no hostility is known at all
    assert "no-assumptions" in applied(safe)
    assert "no-assumptions" not in applied({**safe, "threats-known": ["covert"]})
    # "unanswered" matches a question left unanswered, and nothing else
    assert "get-means-of-help" in applied({})
    assert "get-means-of-help" not in applied({"means-of-help": "yes"})


def test_welsh_answers_take_the_verb_of_the_question():
    spec = load_spec("pre-visit-checklist")
    answers = {"means-of-help": "no", "joint-visit": "yes", "basic-precautions": "no"}
    result = evaluate(spec, answers, "cy")
    given = {
        entry["question"]: entry["answer"]
        for section in result["answers"]["sections"]
        for entry in section["entries"]
        if entry["question"] in answers
    }
    assert given == {
        "means-of-help": "Nac oes",
        "joint-visit": "Dylid",
        "basic-precautions": "Nac ydw",
    }
    english = evaluate(spec, answers, "en")["answers"]["sections"]
    assert {e["answer"] for s in english for e in s["entries"] if e["question"] in answers} == {
        "Yes",
        "No",
    }
    for tool in TOOLS:  # no Welsh "Ie" / "Na" left anywhere a question is answered
        tool_spec = load_spec(tool)
        for question in tool_spec.questions:
            for option in question.options:
                assert tool_spec.answer_label(question, option)["cy"] not in ("Ie", "Na"), (
                    tool,
                    question.id,
                )


def test_unanswered_questions_are_listed_first_as_links():
    spec = load_spec("pre-visit-checklist")
    result = evaluate(spec, {"immediate-danger": "no"}, "en")
    listed = result["unanswered"]
    assert listed["title"] == "You have not answered these questions"
    assert listed["questions"][0] == {
        "id": "hostile-before",
        "text": spec.question("hostile-before").text["en"],
        "href": "#question-hostile-before",
    }
    assert len(listed["questions"]) == 16  # every choice question but the one answered
    assert not any(item["kind"] == "unanswered" for g in result["groups"] for item in g["items"])


def test_results_are_grouped_in_the_specs_order_of_urgency():
    spec = load_spec("pre-visit-checklist")
    result = evaluate(spec, {"immediate-danger": "no", "hostile-before": "no"}, "en")
    shown = [group["id"] for group in result["groups"]]
    assert shown == [group.id for group in spec.groups if group.id in shown]
    assert shown == ["emergency", "before", "during"]
    urgencies = [group["urgency"] for group in result["groups"]]
    assert urgencies == ["act-now", "before-contact", "during-contact"]
    assert result["groups"][0]["items"][0]["id"] == "dial-999"


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
    assert result["outcome"]["id"] == "not-ready"  # nothing counted as answered
    assert "joint-visit" in unanswered_questions(result)
    assert "car-targeted" in unanswered_questions(result)
    first = evaluate(spec, "not a mapping", "en")["answers"]["sections"][0]["entries"][0]
    assert first["answer"] == "Not answered"


def test_summary_text_and_markdown_hold_answers_notes_and_sources():
    spec = load_spec("pre-visit-checklist")
    notes = {"check-in": "Call the office by 3pm", "visit-notes": HOSTILE}
    for language in LANGUAGES:
        result = evaluate(spec, {"joint-visit": "yes"}, language, notes, "https://e.org/")
        text, markdown = as_text(result), as_markdown(result)
        for output in (text, markdown):
            assert spec.question("joint-visit").text[language] in output
            assert spec.answer_label(spec.question("joint-visit"), "yes")[language] in output
            assert "Call the office by 3pm" in output
            assert "https://e.org/appendices/keeping-professionals-safe/#before-contact" in output
        assert HOSTILE.strip() in text  # the reader's own text, exactly as typed
        # In Markdown nothing the reader typed becomes markup: every punctuation mark escaped.
        assert "\\<script\\>alert\\(1\\)\\</script\\>" in markdown
        assert "<script>" not in markdown
        assert "[" in markdown and "](https://e.org/" in markdown


def test_browser_door_round_trip():
    """The door reads the compiled spec the build writes, and answers as evaluate() does."""
    spec = load_spec("pre-visit-checklist")
    assert load(compile_spec(spec)) == "pre-visit-checklist"
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
    direct = evaluate(spec, request["answers"], "cy", request["notes"], request["base"])
    assert {k: v for k, v in result.items() if k not in ("text", "markdown")} == direct
    assert result["text"] == as_text(direct) and result["markdown"] == as_markdown(direct)


def test_compiled_specs_are_the_checked_specs():
    for tool in TOOLS:
        spec = load_spec(tool)
        assert load_compiled(compile_spec(spec)) == spec, tool


def test_page_urls():
    assert page_url("appendices/x.md#a") == "appendices/x/#a"
    assert page_url("index.md#top") == "#top"
    assert page_url("tools/index.md") == "tools/"


def _expect_error(data: dict, path: str, expected: str, anchors=None, name="broken.toml"):
    """Loading fails with the file, the path and what was expected, all named."""
    try:
        validate(name, data, _raw("common.toml"), anchors)
    except SpecError as error:
        message = str(error)
        assert message.startswith(f"{name}: {path}: "), (path, message)
        assert expected in message, (expected, message)
    else:
        raise AssertionError(f"no error for {path}")


def _good() -> dict:
    return _raw("pre_visit_checklist.toml")


def _broken(change) -> dict:
    data = copy.deepcopy(_good())
    change(data)
    return data


def _del(container, key):
    del container[key]


NAME = "pre_visit_checklist.toml"


def test_validation_names_file_path_and_expectation():
    cases = [
        # Types: unknown keys (a typo), missing fields, wrong types, wrong shapes.
        (
            lambda d: d["questions"][3].update(with_notes=True),
            "questions[3].with_notes",
            "unknown field",
        ),
        (lambda d: _del(d["tool"], "id"), "tool.id", "missing: expected a string"),
        (lambda d: d["tool"].update(id="checklist"), "tool.id", "differs from the file name"),
        (
            lambda d: d.update(questions={"joint-visit": d["questions"][0]}),
            "questions",
            "expected a list",
        ),
        (
            lambda d: d["questions"][3].update(options=["yes", 2]),
            "questions[3].options[1]",
            "expected a string, not int 2",
        ),
        (
            lambda d: _del(d["questions"][2]["text"], "cy"),
            "questions[2].text.cy",
            "missing Welsh string",
        ),
        (
            lambda d: d["rules"][0]["prompt"].update(en="  "),
            "rules[0].prompt.en",
            "missing English string",
        ),
        (
            lambda d: d["questions"][0].update(kind="free"),
            "questions[0].kind",
            'one of "choice", "multiple"',
        ),
        (lambda d: d["tool"].update(order="1"), "tool.order", "a whole number"),
        (
            lambda d: d["rules"][1].update(when=3),
            "rules[1].when",
            '"always" or a table with question, answers or a table with all',
        ),
        (
            lambda d: d["questions"][1]["text"].update(fr="Bonjour"),
            "questions[1].text.fr",
            "unknown language (expected en and cy)",
        ),
        (lambda d: d.update(extras=[]), "extras", "unknown field"),
        # Names that must exist, ids that must be unique.
        (
            lambda d: d["rules"][0]["when"].update(question="no-such"),
            "rules[0].when.question",
            "unknown question 'no-such'",
        ),
        (
            lambda d: d["rules"][1]["when"]["none"][0].update(question="no-such"),
            "rules[1].when.none[0].question",
            "unknown question 'no-such'",
        ),
        (lambda d: d["rules"][1].update(when={"all": []}), "rules[1].when.all", "empty list"),
        (
            lambda d: d["rules"][1].update(when={"all": ["always"]}),
            "rules[1].when.all[0]",
            '"always" cannot be combined',
        ),
        (lambda d: d["rules"][0].update(outcome="later"), "rules[0].outcome", "unknown outcome"),
        (lambda d: d.update(outcomes=[]), "outcomes", "at least one outcome"),
        (
            lambda d: d["groups"][0].update(urgency="during-contact"),
            "groups[1].urgency",
            "more urgent than the group before it",
        ),
        (lambda d: d["groups"][0].update(urgency="soon"), "groups[0].urgency", 'one of "act-now"'),
        (
            lambda d: d["questions"][0].update(reflection=True),
            "questions[0].reflection",
            "changes the summary: it is not reflection only",
        ),
        (
            lambda d: d["questions"].append({**d["questions"][0], "id": "unread"}),
            f"questions[{len(_good()['questions'])}].reflection",
            "no rule reads 'unread'",
        ),
        (
            lambda d: _del(d["questions"][0], "answer_form"),
            "questions[0].answer_form",
            "names its answer form",
        ),
        (
            lambda d: d["questions"][0].update(answer_form="ie"),
            "questions[0].answer_form",
            "unknown form 'ie'",
        ),
        (lambda d: _del(d["examples"][0], "outcome"), "examples[0].outcome", "missing"),
        (
            lambda d: d["examples"][0].update(outcome="fine"),
            "examples[0].outcome",
            "unknown outcome 'fine'",
        ),
        (
            lambda d: d["questions"][1].update(id=d["questions"][0]["id"]),
            "questions[1].id",
            "duplicate id",
        ),
        (
            lambda d: d["rules"][0]["when"].update(answers=["perhaps"]),
            "rules[0].when.answers[0]",
            "unknown answer",
        ),
        (
            lambda d: d["questions"][3].update(options=["yes", "maybe"]),
            "questions[3].options[1]",
            "unknown answer option 'maybe'",
        ),
        (
            lambda d: d["rules"][-1]["points"]["cy"].pop(),
            f"rules[{len(_good()['rules']) - 1}].points",
            "differ in length",
        ),
        (lambda d: d["rules"][2].update(group="later"), "rules[2].group", "unknown group 'later'"),
        (
            lambda d: d["examples"][0].update(rules=["no-rule"]),
            "examples[0].rules[0]",
            "unknown rule",
        ),
    ]
    for change, path, expected in cases:
        _expect_error(_broken(change), path, expected, name=NAME)


def test_item_groups_are_named_used_and_kept_together():
    hostility = "hostility_self_assessment.toml"
    good = _raw(hostility)
    index = next(i for i, q in enumerate(good["questions"]) if q.get("item_groups"))
    path = f"questions[{index}]"

    def broken(change):
        data = copy.deepcopy(good)
        change(data["questions"][index])
        return data

    def move_last_grouped_item_to_the_end(question):
        question["items"].append(question["items"].pop(5))

    cases = [
        (
            lambda q: q["items"][0].update(group="other"),
            f"{path}.items[0].group",
            "unknown item group",
        ),
        (move_last_grouped_item_to_the_end, f"{path}.items[10].group", "must be together"),
        (
            lambda q: q["item_groups"].append({"id": "unused", "text": {"en": "a", "cy": "b"}}),
            f"{path}.item_groups",
            "'unused' has no items",
        ),
    ]
    for change, where, expected in cases:
        _expect_error(broken(change), where, expected, name=hostility)


def test_loading_never_changes_its_input():
    data, common = _good(), _raw("common.toml")
    before = copy.deepcopy((data, common))
    validate(NAME, data, common)
    assert (data, common) == before


def test_references_are_checked_against_the_protocol_pages():
    good = _good()
    pages: dict[str, set[str]] = {}
    for ref in good["references"].values():
        page, _, anchor = ref["target"].partition("#")
        pages.setdefault(page, set()).add(anchor)
    broken = _broken(
        lambda d: d["references"]["before-contact"].update(target="appendices/nowhere.md#x")
    )
    _expect_error(broken, "references.before-contact.target", "no protocol page", pages, NAME)
    broken = _broken(
        lambda d: d["references"]["before-contact"].update(
            target="appendices/keeping-professionals-safe.md#no-such-anchor"
        )
    )
    _expect_error(
        broken, "references.before-contact.target", "no anchor '#no-such-anchor'", pages, NAME
    )
    validate(NAME, good, _raw("common.toml"), pages)  # and the real spec passes


def test_a_missing_spec_names_the_file():
    try:
        load_spec("no-such-tool")
    except SpecError as error:
        assert "no_such_tool.toml" in str(error)
    else:
        raise AssertionError("no error for a missing spec")
