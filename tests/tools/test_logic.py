"""The tools' logic: worked examples, summaries, the browser door and spec validation.

Plain functions with plain asserts and no pytest fixtures, so that the same file runs under
pytest on CPython and, unchanged, inside real Pyodide under Node (tests/tools/test_in_pyodide.py).
"""

import copy
import json
import tomllib

from mawwsb_tools import LANGUAGES, SpecError, evaluate, load_spec, tool_ids
from mawwsb_tools.browser import handle, load
from mawwsb_tools.engine import applied_rules, page_url, reason_facts, unanswered_questions
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
    """Every question that decides the bottom line (a choice question not for reflection) of
    the example's mode (or of every section) left unanswered."""
    if example.unanswered is not None:
        return list(example.unanswered)
    mode = example.answers.get(spec.tool.mode_question or "")
    other_modes = {s.id for s in spec.sections if s.mode and mode and s.mode != mode}
    return [
        q.id
        for q in spec.questions
        if q.kind == "choice"
        and not q.reflection
        and q.id not in example.answers
        and q.section not in other_modes
    ]


def _rule_index(data: dict, rule_id: str) -> int:
    return next(i for i, rule in enumerate(data["rules"]) if rule["id"] == rule_id)


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
                assert reason_facts(result) == list(example.reasons), where
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


def test_the_outcome_is_the_most_urgent_level_reached_with_every_fact_as_a_reason():
    spec = load_spec("pre-visit-checklist")
    hostile = {
        "hostile-before": "yes",
        "incident-reported": "yes",
        "action-plan-agreed": "no",
        "means-of-help": "no",
        "colleagues-aware": "not-sure",
    }
    not_ready = evaluate(spec, hostile, "en", base_url="https://e.org/p/")["outcome"]
    assert not_ready["id"] == "not-ready"
    assert not_ready["level"] == "before-next-contact"
    assert not_ready["title"] == "You are not ready for this visit yet."
    assert not_ready["reasons_title"] == "Why:"
    # Every fact at that level, in the model's order, each with what made it hold and its passage.
    assert not_ready["reasons"][:3] == [
        {
            "id": "not-answered",
            "text": spec.fact("not-answered").title["en"],
            "covered": None,
            "because": [],
            "source": {
                "label": "Appendix 3: Professionals should",
                "url": "https://e.org/p/appendices/keeping-professionals-safe/#professionals-should",
            },
        },
        {
            "id": "no-means-of-help",
            "text": "There is no mobile phone or other means of summoning help.",
            "covered": None,
            "because": [
                {
                    "text": "You answered “No”: " + spec.question("means-of-help").text["en"],
                    "href": "#question-means-of-help",
                }
            ],
            "source": {
                "label": "Appendix 3: Keeping professionals safe",
                "url": "https://e.org/p/appendices/keeping-professionals-safe/#before-contact",
            },
        },
        {
            "id": "nobody-knows",
            "text": spec.fact("nobody-knows").title["en"],
            "covered": None,
            "because": [
                {
                    "text": "You answered “Not sure”: "
                    + spec.question("colleagues-aware").text["en"],
                    "href": "#question-colleagues-aware",
                }
            ],
            "source": {
                "label": "Appendix 3: Keeping professionals safe",
                "url": "https://e.org/p/appendices/keeping-professionals-safe/#before-contact",
            },
        },
    ]
    assert reason_facts({"outcome": not_ready}) == [
        "not-answered",
        "no-means-of-help",
        "nobody-knows",
        "no-agreed-plan",
        "lone-visit",
    ]
    # Less urgent facts are listed too, under their level.
    assert [(a["level"], [r["id"] for r in a["reasons"]]) for a in not_ready["also"]] == [
        ("to-note", ["hostility-known"])
    ]
    assert not_ready["quote"]["text"] == (
        "Not go unprepared, be aware of the situation and the likely response"
    )
    assert not_ready["decide"] == {
        "text": "How the tools decide",
        "url": "https://e.org/p/tools/how-the-tools-decide/#how-the-tools-decide",
    }
    # Immediate danger outranks not being ready: one bottom line, the most urgent.
    danger = evaluate(spec, {**hostile, "immediate-danger": "yes"}, "cy")["outcome"]
    assert danger["id"] == "act-now"
    assert reason_facts({"outcome": danger}) == ["immediate-danger"]
    assert danger["title"] == "Gweithredwch nawr, cyn i chi gynllunio'r ymweliad hwn ymhellach."
    assert [a["level"] for a in danger["also"]] == ["before-next-contact", "to-note"]


def test_the_least_urgent_outcome_says_what_was_answered_and_never_comes_unanswered():
    spec = load_spec("pre-visit-checklist")
    example = next(e for e in spec.examples if e.outcome == "ready-with-precautions")
    ready = evaluate(spec, example.answers, "en")["outcome"]
    confirmed = ready["confirmed"]
    assert confirmed["title"].startswith("No answer gave a reason to act now or to wait.")
    listed = [each["id"] for each in confirmed["answers"]]
    assert "means-of-help" in listed and "immediate-danger" in listed
    assert {
        "id": "means-of-help",
        "text": spec.question("means-of-help").text["en"],
        "answer": "Yes",
        "href": "#question-means-of-help",
    } in confirmed["answers"]
    # One question fewer answered, and the visit is no longer cleared.
    for question in example.answers:
        if spec.question(question).reflection:
            continue
        fewer = {k: v for k, v in example.answers.items() if k != question}
        outcome = evaluate(spec, fewer, "en")["outcome"]
        assert outcome["id"] != "ready-with-precautions", question
        assert outcome["confirmed"] is None


def test_an_agreed_plan_covers_what_it_can_and_says_so():
    spec = load_spec("pre-visit-checklist")
    example = next(e for e in spec.examples if e.name.startswith("afraid of the father"))
    afraid = dict(example.answers)
    assert evaluate(spec, afraid, "en")["outcome"]["id"] == "not-ready"
    planned = {**afraid, "action-plan-agreed": "yes", "joint-visit": "yes"}
    outcome = evaluate(spec, planned, "en")["outcome"]
    assert outcome["id"] == "ready-with-precautions"
    covered = {r["id"]: r["covered"] for r in outcome["reasons"]}
    assert covered["worker-afraid"] == "Covered by the agreed action plan."
    assert covered["hostility-known"] is None
    # A plan never covers what must be in place whatever is agreed.
    no_phone = evaluate(spec, {**planned, "means-of-help": "no"}, "en")["outcome"]
    assert no_phone["id"] == "not-ready"
    assert reason_facts({"outcome": no_phone}) == ["no-means-of-help"]


def test_an_agreed_plan_is_computed_from_its_rows():
    spec = load_spec("supervision-questions")
    example = next(e for e in spec.examples if e.name.startswith("a complete plan, agreed"))
    answers, row = dict(example.answers), dict(example.plan[0])
    agreed = evaluate(spec, answers, "en", plan=[row])["outcome"]
    assert agreed["id"] == "actions-agreed"

    def why(rows, **changes):
        outcome = evaluate(spec, {**answers, **changes}, "en", plan=rows)["outcome"]
        plan = next(r for r in outcome["reasons"] if r["id"] == "no-agreed-plan")
        return outcome["id"], [each["text"] for each in plan["because"]]

    # "Yes", with nothing written: not agreed, and the record says why.
    assert why([]) == ("actions-to-agree", ["No risk has been written into the action plan."])
    assert why([{**row, "agreed": "no"}]) == (
        "actions-to-agree",
        ["Risk 1: not agreed before the next visit."],
    )
    assert why([row, {**row, "who": ""}]) == (
        "actions-to-agree",
        ["Risk 2: the risk, how it will be managed, who does what or by when is missing."],
    )
    assert why([row], **{"plan-agreed": "not-sure"})[0] == "actions-to-agree"


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
    # a fact: a rule may rest on a fact of the decision model
    assert "get-means-of-help" in applied({"means-of-help": "not-sure"})
    assert "get-means-of-help" not in applied({"means-of-help": "yes"})
    # "unanswered" matches a question left unanswered, and nothing else
    assert "check-police-procedure" in applied({**safe, "hostile-before": "yes"})
    assert "check-police-procedure" not in applied(
        {**safe, "hostile-before": "yes", "police-informed": "yes"}
    )


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
    # every question that decides the bottom line but the one answered
    deciding = [q for q in spec.questions if q.kind == "choice" and not q.reflection]
    assert len(listed["questions"]) == len(deciding) - 1 == 18
    assert "neutral-venue" not in [q["id"] for q in listed["questions"]]  # for reflection
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
    copies = ("text", "markdown", "record_text", "record_markdown")
    assert {k: v for k, v in result.items() if k not in copies} == direct
    assert result["text"] == as_text(direct) and result["markdown"] == as_markdown(direct)
    assert result["record_text"] == as_text(direct, full=False)
    assert result["record_markdown"] == as_markdown(direct, full=False)
    # The record is the first part of the whole, which goes on with the full guidance.
    assert result["text"].startswith(result["record_text"].rstrip())
    assert "Y canllawiau llawn" not in result["record_text"]
    assert "Y canllawiau llawn" in result["text"]


def test_compiled_specs_are_the_checked_specs():
    for tool in TOOLS:
        spec = load_spec(tool)
        assert load_compiled(compile_spec(spec)) == spec, tool


def test_page_urls():
    assert page_url("appendices/x.md#a") == "appendices/x/#a"
    assert page_url("index.md#top") == "#top"
    assert page_url("tools/index.md") == "tools/"


def _expect_error(
    data: dict, path: str, expected: str, anchors=None, name="broken.toml", common=None, where=None
):
    """Loading fails with the file (`where`, if not the spec's), the path and what was
    expected, all named."""
    try:
        validate(name, data, common or _raw("common.toml"), anchors)
    except SpecError as error:
        message = str(error)
        assert message.startswith(f"{where or name}: {path}: "), (path, message)
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
    JOINT = _rule_index(_good(), "arrange-joint-visit")
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
            '"always" or a table with question, answers or a table with facts or a table '
            "with plan or a table with all",
        ),
        (
            lambda d: d["questions"][1]["text"].update(fr="Bonjour"),
            "questions[1].text.fr",
            "unknown language (expected en and cy)",
        ),
        (lambda d: d.update(extras=[]), "extras", "unknown field"),
        # Names that must exist, ids that must be unique.
        (
            lambda d: d["rules"][JOINT]["when"].update(question="no-such"),
            f"rules[{JOINT}].when.question",
            "unknown question 'no-such'",
        ),
        (
            lambda d: d["rules"][0]["when"].update(facts=["no-such"]),
            "rules[0].when.facts[0]",
            "unknown fact 'no-such'",
        ),
        (
            lambda d: d["rules"][0].update(when={"plan": ["none"]}),
            "rules[0].when.plan",
            "the tool has no action plan",
        ),
        (
            lambda d: d["signals"][0].update(fact="no-such"),
            "signals[0].fact",
            "unknown fact 'no-such'",
        ),
        (
            lambda d: d["signals"][0].update(fact="not-answered"),
            "signals[0].fact",
            "computed from unanswered questions",
        ),
        (
            lambda d: d["signals"].append(
                {"fact": "hostility-known", "when": {"facts": ["no-agreed-plan"]}}
            ),
            "signals",
            "depends on itself",
        ),
        (
            lambda d: d["questions"][2]["items"].append(
                {"id": "idle", "own_words": True, "text": {"en": "Idle", "cy": "Segur"}}
            ),
            "questions[2].items[18]",
            "ticking 'idle' changes nothing",
        ),
        (
            lambda d: d["questions"][1].update(
                mode_text={"supervisor": {"text": {"en": "a", "cy": "b"}, "answer_form": "ydy"}}
            ),
            "questions[1].mode_text",
            "the tool has no modes",
        ),
        (
            lambda d: d["outcomes"][0].update(level="soon"),
            "outcomes[0].level",
            "unknown level 'soon'",
        ),
        (
            lambda d: d["outcomes"].reverse(),
            "outcomes",
            "one outcome for each level, most urgent first",
        ),
        (
            lambda d: d["examples"][0].update(reasons=["not-a-fact"]),
            "examples[0].reasons[0]",
            "unknown fact 'not-a-fact'",
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
        (lambda d: d["rules"][0].update(outcome="later"), "rules[0].outcome", "unknown field"),
        (lambda d: d.update(outcomes=[]), "outcomes", "one outcome for each level"),
        (
            lambda d: d["groups"][0].update(urgency="during-contact"),
            "groups[1].urgency",
            "more urgent than the group before it",
        ),
        (lambda d: d["groups"][0].update(urgency="soon"), "groups[0].urgency", 'one of "act-now"'),
        (
            lambda d: d["questions"][0].update(reflection=True),
            "questions[0].reflection",
            "'immediate-danger' feeds a fact, so it can change the bottom line",
        ),
        (
            lambda d: d["questions"].append({**d["questions"][0], "id": "unread"}),
            f"questions[{len(_good()['questions'])}].reflection",
            "'unread' feeds no fact of the decision model",
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
            lambda d: d["rules"][JOINT]["when"].update(answers=["perhaps"]),
            f"rules[{JOINT}].when.answers[0]",
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
    targets = [ref["target"] for ref in good["references"].values()]
    targets += [fact["ref"]["target"] for fact in _raw("common.toml")["facts"]]
    for target in targets:
        page, _, anchor = target.partition("#")
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


def _expect_common_error(change, path: str, expected: str) -> None:
    """The decision model in common.toml fails with common.toml, the path and the fact named."""
    common = copy.deepcopy(_raw("common.toml"))
    change(common)
    _expect_error(_good(), path, expected, name=NAME, common=common, where="common.toml")


def test_the_decision_model_fails_loudly_naming_the_fact():
    facts = _raw("common.toml")["facts"]
    index = next(i for i, fact in enumerate(facts) if fact["id"] == "worker-afraid")
    _expect_common_error(
        lambda c: c["facts"][index].update(level="soon"),
        f"facts[{index}].level",
        "fact 'worker-afraid': unknown level 'soon'",
    )
    _expect_common_error(lambda c: _del(c["facts"][index], "ref"), f"facts[{index}].ref", "missing")
    _expect_common_error(
        lambda c: c["facts"][index]["ref"].update(target="sections/x.md"),
        f"facts[{index}].ref.target",
        "is not page.md#anchor",
    )
    _expect_common_error(
        lambda c: c["facts"].append({**c["facts"][index]}), f"facts[{len(facts)}].id", "duplicate"
    )


def test_a_fact_has_one_level_in_every_tool():
    """The level lives on the fact: a tool maps answers to facts and words each level once,
    in the model's order, so no tool can give a fact a level of its own."""
    levels = None
    for tool in TOOLS:
        spec = load_spec(tool)
        assert [outcome.level for outcome in spec.outcomes] == [lv.id for lv in spec.levels]
        levels = levels or {fact.id: fact.level for fact in spec.facts}
        assert {fact.id: fact.level for fact in spec.facts} == levels
        for signal in spec.signals:
            assert not spec.fact(signal.fact).unanswered, (tool, signal.fact)


def test_the_supervisor_is_spoken_to_as_the_supervisor():
    spec = load_spec("supervision-questions")
    answers = {
        "mode": "supervisor",
        "intimidated-or-afraid": "yes",
        "deliberately-threatening": "no",
    }
    for language, asked, answer in (
        ("en", "Is the worker intimidated or afraid of the person?", "Yes"),
        ("cy", "A yw'r gweithiwr yn cael ei fygylu gan yr unigolyn, neu'n ei ofni?", "Ydy"),
    ):
        result = evaluate(spec, answers, language)
        entries = {
            e["question"]: e
            for section in result["answers"]["sections"]
            for e in section["entries"]
        }
        assert entries["intimidated-or-afraid"]["text"] == asked
        assert entries["intimidated-or-afraid"]["answer"] == answer
        # The deliberate-threat question is asked in both modes.
        assert "deliberately-threatening" in entries
        assert (
            result["mode"]["value"]
            == spec.answer_label(spec.question("mode"), "supervisor")[language]
        )
    prompts = {
        item["id"]: item["prompt"]
        for group in evaluate(spec, answers, "en")["groups"]
        for item in group["items"]
    }
    assert prompts["consider-joint-visits"].startswith("Consider with the worker")
    supervisee = evaluate(spec, {**answers, "mode": "supervisee"}, "en")
    entries = {
        e["question"]: e
        for section in supervisee["answers"]["sections"]
        for e in section["entries"]
    }
    assert (
        entries["intimidated-or-afraid"]["text"] == "Are you intimidated or afraid of the person?"
    )
    assert entries["intimidated-or-afraid"]["answer"] == "Yes"
    assert "deliberately-threatening" in entries


def test_option_labels_drop_the_lists_punctuation():
    for tool in TOOLS:
        spec = load_spec(tool)
        for question in spec.questions:
            for item in question.items:
                for language in LANGUAGES:
                    label = spec.item_label(item)[language]
                    assert not label.endswith((";", "; and", "; a", " and")), (tool, label)
    spec = load_spec("hostility-self-assessment")
    threats = spec.question("threats")
    result = evaluate(spec, {"threats": ["swearing", "following-harassing", "covert"]}, "en")
    shown = next(
        e["answer"]
        for section in result["answers"]["sections"]
        for e in section["entries"]
        if e["question"] == "threats"
    )
    assert shown == (
        "Swearing; Following and harassing workers; "
        "Covert or implied threats (e.g. discussion of harming someone else)"
    )
    assert threats.items[-1].text["en"].startswith("Threats can be covert")  # the spec keeps it


def test_the_record_holds_actions_plan_and_what_could_not_be_assessed():
    spec = load_spec("hostility-self-assessment")
    example = next(e for e in spec.examples if "superficially compliant" in e.name)
    notes = {"cannot-assess": "Her daily care: she is never seen without her mother."}
    result = evaluate(spec, example.answers, "en", notes=notes)
    actions = [item["id"] for group in result["actions"]["groups"] for item in group["items"]]
    always = {rule.id for rule in spec.rules if rule.when == "always" and not rule.warning}
    assert "see-the-child" in actions and "dial-999" in actions
    assert not always & set(actions)  # the generic guidance is in the full guidance only
    assert all(
        item["href"] == f"#summary-rule-{item['id']}"
        for group in result["actions"]["groups"]
        for item in group["items"]
    )
    assert result["assessment"] == {
        "title": "What could not be assessed",
        "entries": [
            {
                "question": "seen-alone",
                "text": spec.question("seen-alone").text["en"],
                "answer": "No",
                "note": "",
            },
            {
                "question": "cannot-assess",
                "text": spec.question("cannot-assess").text["en"],
                "answer": "Yes",
                "note": notes["cannot-assess"],
            },
        ],
    }
