"""Tool specs (TOML, one file per tool plus common.toml): loading and validation.

A spec holds every question, answer option, rule, prompt, protocol reference and string of a
tool, in English and Welsh side by side. Validation fails with the file and the field named, so
an author can fix a spec without reading this code.
"""

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "cy")
SPECS = resources.files("mawwsb_tools") / "specs"


class SpecError(ValueError):
    """A spec is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Spec:
    name: str  # file name, for messages
    tool: dict[str, Any]
    references: dict[str, dict[str, Any]]
    groups: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    questions: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    examples: list[dict[str, Any]]
    options: dict[str, dict[str, str]]
    strings: dict[str, dict[str, str]]

    def question(self, question_id: str) -> dict[str, Any]:
        return next(q for q in self.questions if q["id"] == question_id)


def spec_file_name(tool_id: str) -> str:
    return tool_id.replace("-", "_") + ".toml"


def load_spec(tool_id: str, anchors: dict[str, set[str]] | None = None) -> Spec:
    """Loads and validates a tool's spec. With `anchors` ({page: ids}), references are checked."""
    common = _read(SPECS / "common.toml", "common.toml")
    name = spec_file_name(tool_id)
    data = _read(SPECS / name, name)
    return validate(name, data, common, anchors)


def _read(path, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"{name}: no such spec file") from None
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{name}: not valid TOML: {error}") from None


class _Checker:
    def __init__(self, name: str):
        self.name = name

    def fail(self, field: str, problem: str):
        raise SpecError(f"{self.name}: {field}: {problem}")

    def text(self, value: Any, field: str) -> dict[str, str]:
        """A string in every language, none missing or empty."""
        if not isinstance(value, dict):
            self.fail(field, "must give the text in each language (en, cy)")
        for language in LANGUAGES:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{field}.{language}", f"missing {_language_name(language)} string")
        return value

    def unique(self, items: list[dict[str, Any]], field: str) -> None:
        seen = set()
        for index, item in enumerate(items):
            if not isinstance(item.get("id"), str) or not item["id"]:
                self.fail(f"{field}[{index}].id", "missing id")
            if item["id"] in seen:
                self.fail(f"{field}[{index}].id", f"duplicate id '{item['id']}'")
            seen.add(item["id"])

    def known(self, value: Any, known: set[str], field: str, kind: str) -> None:
        if value not in known:
            self.fail(field, f"unknown {kind} '{value}'")


def _language_name(language: str) -> str:
    return {"en": "English", "cy": "Welsh"}[language]


def validate(
    name: str,
    data: dict[str, Any],
    common: dict[str, Any],
    anchors: dict[str, set[str]] | None = None,
) -> Spec:
    check = _Checker(name)
    common_check = _Checker("common.toml")
    options = common.get("options", {})
    strings = common.get("strings", {})
    for option_id, labels in options.items():
        common_check.text(labels, f"options.{option_id}")
    for string_id, text in strings.items():
        common_check.text(text, f"strings.{string_id}")

    tool = data.get("tool") or check.fail("tool", "missing [tool] table")
    for field in ("title", "intro", "start"):
        check.text(tool.get(field), f"tool.{field}")
    if "reminder" in tool:
        check.text(tool["reminder"], "tool.reminder")

    references = data.get("references", {})
    for ref_id, reference in references.items():
        check.text(reference.get("label"), f"references.{ref_id}.label")
        target = reference.get("target", "")
        page, _, anchor = target.partition("#")
        if not page.endswith(".md") or not anchor:
            check.fail(f"references.{ref_id}.target", f"'{target}' is not page.md#anchor")
        if anchors is not None:
            if page not in anchors:
                check.fail(f"references.{ref_id}.target", f"no protocol page '{page}'")
            if anchor not in anchors[page]:
                check.fail(f"references.{ref_id}.target", f"no anchor '#{anchor}' on {page}")

    def ref(value: Any, field: str) -> None:
        check.known(value, set(references), field, "reference")

    groups = data.get("groups", [])
    check.unique(groups, "groups")
    for index, group in enumerate(groups):
        check.text(group.get("title"), f"groups[{index}].title")
    sections = data.get("sections", [])
    check.unique(sections, "sections")
    for index, section in enumerate(sections):
        check.text(section.get("title"), f"sections[{index}].title")
        if "ref" in section:
            ref(section["ref"], f"sections[{index}].ref")

    questions = data.get("questions", [])
    notes = data.get("notes", [])
    check.unique(questions + notes, "questions and notes")
    for index, question in enumerate(questions):
        field = f"questions[{index}]"
        check.text(question.get("text"), f"{field}.text")
        check.known(
            question.get("section"), {s["id"] for s in sections}, f"{field}.section", "section"
        )
        ref(question.get("ref"), f"{field}.ref")
        kind = question.setdefault("kind", "choice")
        if kind == "choice":
            if not question.get("options"):
                check.fail(f"{field}.options", "a question needs answer options")
            for option in question["options"]:
                check.known(option, set(options), f"{field}.options", "answer option")
        elif kind == "multiple":
            items = question.get("items") or check.fail(f"{field}.items", "no items to choose")
            check.unique(items, f"{field}.items")
            for number, item in enumerate(items):
                check.text(item.get("text"), f"{field}.items[{number}].text")
                if "description" in item:
                    check.text(item["description"], f"{field}.items[{number}].description")
                if "ref" in item:
                    ref(item["ref"], f"{field}.items[{number}].ref")
        else:
            check.fail(f"{field}.kind", f"unknown kind '{kind}' (choice or multiple)")
    for index, note in enumerate(notes):
        check.text(note.get("label"), f"notes[{index}].label")
        check.text(note.get("hint"), f"notes[{index}].hint")
        if note.setdefault("kind", "text") not in ("text", "date"):
            check.fail(f"notes[{index}].kind", f"unknown kind '{note['kind']}' (text or date)")

    # Modes: one choice question picks which sections apply (e.g. supervisee or supervisor).
    mode_question = tool.get("mode_question")
    if mode_question is not None:
        question = next((q for q in questions if q["id"] == mode_question), None)
        if question is None or question["kind"] != "choice":
            check.fail("tool.mode_question", f"'{mode_question}' is not a choice question")
        for index, section in enumerate(sections):
            if "mode" in section:
                check.known(
                    section["mode"], set(question["options"]), f"sections[{index}].mode", "mode"
                )

    plan = tool.get("plan")
    if plan is not None:
        for field in ("title", "row", "add", "remove", "added", "removed", "none"):
            check.text(plan.get(field), f"tool.plan.{field}")
        ref(plan.get("ref"), "tool.plan.ref")
        if not isinstance(plan.get("rows"), int) or plan["rows"] < 1:
            check.fail("tool.plan.rows", "how many empty rows the form shows (1 or more)")
        check.unique(
            plan.get("fields") or check.fail("tool.plan.fields", "no fields"), "tool.plan.fields"
        )
        for index, column in enumerate(plan["fields"]):
            check.text(column.get("label"), f"tool.plan.fields[{index}].label")
            kind = column.setdefault("kind", "text")
            if kind == "choice":
                for option in column.get("options") or check.fail(
                    f"tool.plan.fields[{index}].options", "a choice needs options"
                ):
                    check.known(
                        option, set(options), f"tool.plan.fields[{index}].options", "answer option"
                    )
            elif kind not in ("text", "date"):
                check.fail(f"tool.plan.fields[{index}].kind", f"unknown kind '{kind}'")

    groups_ids = {g["id"] for g in groups}
    if "unanswered_group" in tool:
        check.known(tool["unanswered_group"], groups_ids, "tool.unanswered_group", "group")
    answer_ids = {
        q["id"]: set(q["options"]) if q["kind"] == "choice" else {i["id"] for i in q["items"]}
        for q in questions
    }
    for index, listing in enumerate(tool.get("list_selected", [])):
        field = f"tool.list_selected[{index}]"
        check.known(listing.get("question"), set(answer_ids), f"{field}.question", "question")
        check.known(listing.get("group"), groups_ids, f"{field}.group", "group")

    def condition(when: Any, field: str) -> None:
        if not isinstance(when, dict):
            check.fail(field, 'must be "always", { question, answers } or a list of those')
        check.known(when.get("question"), set(answer_ids), f"{field}.question", "question")
        for answer in when.get("answers") or check.fail(f"{field}.answers", "empty"):
            check.known(
                answer,
                answer_ids[when["question"]],
                f"{field}.answers",
                f"answer for '{when['question']}'",
            )

    rules = data.get("rules", [])
    check.unique(rules, "rules")
    for index, rule in enumerate(rules):
        field = f"rules[{index}]"
        when = rule.get("when")
        if isinstance(when, list):
            for number, each in enumerate(when):
                condition(each, f"{field}.when[{number}]")
        elif when != "always":
            condition(when, f"{field}.when")
        check.known(rule.get("group"), {g["id"] for g in groups}, f"{field}.group", "group")
        ref(rule.get("ref"), f"{field}.ref")
        check.text(rule.get("prompt"), f"{field}.prompt")
        if "quote" in rule:
            check.text(rule["quote"], f"{field}.quote")
        if "points" in rule:
            points = rule["points"]
            for language in LANGUAGES:
                if not isinstance(points.get(language), list) or not points[language]:
                    check.fail(
                        f"{field}.points.{language}", f"missing {_language_name(language)} points"
                    )
            if len(points["en"]) != len(points["cy"]):
                check.fail(f"{field}.points", "English and Welsh lists differ in length")

    rule_ids = {r["id"] for r in rules}
    for index, example in enumerate(data.get("examples", [])):
        field = f"examples[{index}]"
        for question_id, answer in example.get("answers", {}).items():
            check.known(question_id, set(answer_ids), f"{field}.answers", "question")
            for each in answer if isinstance(answer, list) else [answer]:
                check.known(
                    each, answer_ids[question_id], f"{field}.answers.{question_id}", "answer"
                )
        for rule_id in example.get("rules", []):
            check.known(rule_id, rule_ids, f"{field}.rules", "rule")
        plan_fields = {c["id"] for c in (plan or {}).get("fields", [])}
        for number, row in enumerate(example.get("plan", [])):
            for column in row:
                check.known(column, plan_fields, f"{field}.plan[{number}]", "plan field")
        for question_id in example.get("unanswered", []):
            check.known(question_id, set(answer_ids), f"{field}.unanswered", "question")

    return Spec(
        name=name,
        tool=tool,
        references=references,
        groups=groups,
        sections=sections,
        questions=questions,
        notes=notes,
        rules=rules,
        examples=data.get("examples", []),
        options=options,
        strings=strings,
    )


def anchors_in_docs(docs: Path) -> dict[str, set[str]]:
    """Explicit ids ({ #id }) of every English page below docs/, keyed by page path."""

    pattern = re.compile(r"\{\s*:?\s*#([A-Za-z0-9_-]+)\s*\}")
    return {
        path.relative_to(docs).as_posix(): set(pattern.findall(path.read_text(encoding="utf-8")))
        for path in docs.rglob("*.md")
        if not path.name.endswith(".cy.md")
    }
