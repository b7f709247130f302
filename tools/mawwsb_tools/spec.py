"""Tool specs (TOML, one file per tool plus common.toml): strict loading and checking.

A spec holds every question, answer option, rule, prompt, protocol reference and string of a
tool, in English and Welsh side by side. Loading builds the typed model (model.py) and then
checks what types cannot: ids are unique, every reference, group, section, question and answer
named exists, the tool's id is its file name. Each failure names the file, the path and what
was expected, so an author can fix a spec without reading this code. Nothing here changes the
data it reads.
"""

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from mawwsb_tools.model import (
    LANGUAGE_NAMES,
    LANGUAGES,
    URGENCIES,
    AllOf,
    AnyOf,
    Common,
    Condition,
    NoneOf,
    Question,
    Spec,
    SpecError,
    SpecFile,
    as_data,
    build,
    trusted,
)

SPECS = resources.files("mawwsb_tools") / "specs"
COMMON = "common.toml"


FILE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def spec_file_name(tool_id: str) -> str:
    return tool_id.replace("-", "_") + ".toml"


def tool_ids(specs=SPECS) -> list[str]:
    """Every tool: one spec file each beside common.toml, in the order the site lists them."""
    names = sorted(
        path.name for path in specs.iterdir() if path.name.endswith(".toml") and path.name != COMMON
    )
    ids = [name.removesuffix(".toml").replace("_", "-") for name in names]
    order = {tool_id: _read_order(specs / name) for tool_id, name in zip(ids, names, strict=True)}
    return sorted(ids, key=lambda tool_id: (order[tool_id], tool_id))


def _read_order(path) -> int:
    order = _read(path, path.name).get("tool", {}).get("order", 0)
    return order if isinstance(order, int) else 0


def load_spec(tool_id: str, anchors: dict[str, set[str]] | None = None, specs=SPECS) -> Spec:
    """Loads and checks a tool's spec. With `anchors` ({page: ids}), references are checked."""
    name = spec_file_name(tool_id)
    return validate(name, _read(specs / name, name), _read(specs / COMMON, COMMON), anchors)


def _read(path, name: str) -> dict[str, Any]:
    import tomllib  # only here: the browser reads compiled specs and never loads it

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"{name}: no such spec file") from None
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{name}: not valid TOML: {error}") from None


def _failer(name: str):
    def fail(path: str, problem: str):
        raise SpecError(f"{name}: {path}: {problem}")

    return fail


def validate(
    name: str,
    data: dict[str, Any],
    common: dict[str, Any],
    anchors: dict[str, set[str]] | None = None,
) -> Spec:
    """The checked spec of file `name` from its data and common.toml's; raises SpecError."""
    shared = build(Common, common, "", _failer(COMMON))
    written = build(SpecFile, data, "", _failer(name))
    spec = Spec(
        tool=written.tool,
        references=written.references,
        outcomes=written.outcomes,
        groups=written.groups,
        sections=written.sections,
        questions=written.questions,
        notes=written.notes,
        rules=written.rules,
        examples=written.examples,
        options=shared.options,
        answer_forms=shared.answer_forms,
        strings=shared.strings,
        name=name,
    )
    _Checks(name, spec, anchors).run()
    return spec


class _Checks:
    """What the types cannot say: names that must exist, ids that must be unique."""

    def __init__(self, name: str, spec: Spec, anchors: dict[str, set[str]] | None):
        self.name, self.spec, self.anchors = name, spec, anchors

    def fail(self, path: str, problem: str):
        raise SpecError(f"{self.name}: {path}: {problem}")

    def known(self, value: str | None, known, path: str, kind: str) -> None:
        if value not in known:
            self.fail(path, f"unknown {kind} '{value}'")

    def unique(self, ids: list[str], path: str) -> None:
        seen = set()
        for index, each in enumerate(ids):
            if each in seen:
                self.fail(f"{path}[{index}].id", f"duplicate id '{each}'")
            seen.add(each)

    def run(self) -> None:
        spec = self.spec
        expected_id = self.name.removesuffix(".toml").replace("_", "-")
        if spec.tool.id != expected_id:
            self.fail("tool.id", f"'{spec.tool.id}' differs from the file name ('{expected_id}')")
        self.references()
        self.answer_forms()
        groups = {g.id for g in spec.groups}
        sections = {s.id for s in spec.sections}
        self.unique([g.id for g in spec.groups], "groups")
        self.urgency()
        self.outcomes()
        self.unique([s.id for s in spec.sections], "sections")
        self.unique([q.id for q in spec.questions], "questions")
        self.unique([n.id for n in spec.notes], "notes")
        clash = {q.id for q in spec.questions} & {n.id for n in spec.notes}
        if clash:
            self.fail("notes", f"id '{sorted(clash)[0]}' is also a question's")
        for index, section in enumerate(spec.sections):
            if section.ref is not None:
                self.ref(section.ref, f"sections[{index}].ref")
        for index, question in enumerate(spec.questions):
            self.question(question, f"questions[{index}]", sections)
        self.tool(groups)
        self.unique([r.id for r in spec.rules], "rules")
        for index, rule in enumerate(spec.rules):
            path = f"rules[{index}]"
            self.when(rule.when, f"{path}.when")
            if rule.outcome is not None:
                outcomes = {o.id for o in spec.outcomes}
                self.known(rule.outcome, outcomes, f"{path}.outcome", "outcome")
            self.known(rule.group, groups, f"{path}.group", "group")
            self.ref(rule.ref, f"{path}.ref")
            if rule.points is not None and len(rule.points.en) != len(rule.points.cy):
                self.fail(f"{path}.points", "English and Welsh lists differ in length")
        self.every_answer_counts()
        self.examples()

    def urgency(self) -> None:
        """Groups in order of urgency, so that "act now" is always first when present."""
        ranks = [URGENCIES.index(group.urgency) for group in self.spec.groups]
        for index in range(1, len(ranks)):
            if ranks[index] < ranks[index - 1]:
                before = self.spec.groups[index - 1]
                self.fail(
                    f"groups[{index}].urgency",
                    f"'{self.spec.groups[index].urgency}' is more urgent than the group before "
                    f"it ('{before.id}', '{before.urgency}'): list groups most urgent first",
                )

    def outcomes(self) -> None:
        spec = self.spec
        if not spec.outcomes:
            self.fail("outcomes", "at least one outcome (the last is the summary's default)")
        self.unique([o.id for o in spec.outcomes], "outcomes")
        for index, outcome in enumerate(spec.outcomes):
            if outcome.quote is not None and outcome.ref is None:
                self.fail(f"outcomes[{index}].ref", "a quote needs the reference it comes from")
            if outcome.ref is not None:
                self.ref(outcome.ref, f"outcomes[{index}].ref")

    def answer_forms(self) -> None:
        for name, labels in self.spec.answer_forms.items():
            for answer in labels:
                self.known(answer, self.spec.options, f"answer_forms.{name}.{answer}", "option")

    def answer_form(self, asked, path: str) -> None:
        """Yes and No take the question's verb in Welsh, so a question offering them names its
        answer form (common.toml [answer_forms])."""
        if asked.answer_form is not None:
            self.known(asked.answer_form, self.spec.answer_forms, f"{path}.answer_form", "form")
            missing = [
                option
                for option in ("yes", "no")
                if option in asked.options
                and option not in self.spec.answer_forms[asked.answer_form]
            ]
            if missing:
                self.fail(f"{path}.answer_form", f"'{asked.answer_form}' has no '{missing[0]}'")
        elif {"yes", "no"} & set(asked.options):
            self.fail(
                f"{path}.answer_form",
                "missing: a question answered Yes or No names its answer form, so that the "
                "Welsh answer takes the question's verb (Oes / Nac oes, Ydw / Nac ydw, ...)",
            )

    def every_answer_counts(self) -> None:
        """Each question's answer changes the summary, or the question is for reflection only."""
        spec = self.spec
        read = {listing.question for listing in spec.tool.list_selected}
        for rule in spec.rules:
            read |= _questions_in(rule.when)
        if spec.tool.mode_question:
            read.add(spec.tool.mode_question)
        for index, question in enumerate(spec.questions):
            path = f"questions[{index}].reflection"
            if question.reflection and question.id in read:
                self.fail(path, f"'{question.id}' changes the summary: it is not reflection only")
            if not question.reflection and question.id not in read:
                self.fail(
                    path,
                    f"no rule reads '{question.id}': give its answers a rule, or mark it "
                    "reflection = true (the form then says the answer leaves the guidance as is)",
                )

    def references(self) -> None:
        for ref_id, reference in self.spec.references.items():
            path = f"references.{ref_id}.target"
            page, _, anchor = reference.target.partition("#")
            if not page.endswith(".md") or not anchor:
                self.fail(path, f"'{reference.target}' is not page.md#anchor")
            if self.anchors is not None:
                if page not in self.anchors:
                    self.fail(path, f"no protocol page '{page}'")
                if anchor not in self.anchors[page]:
                    self.fail(path, f"no anchor '#{anchor}' on {page}")

    def ref(self, value: str, path: str) -> None:
        self.known(value, self.spec.references, path, "reference")

    def question(self, question: Question, path: str, sections: set[str]) -> None:
        self.known(question.section, sections, f"{path}.section", "section")
        self.ref(question.ref, f"{path}.ref")
        self.answer_form(question, path)
        if question.kind == "choice":
            if not question.options:
                self.fail(f"{path}.options", "a choice question needs answer options")
            if question.items:
                self.fail(f"{path}.items", 'only a "multiple" question has items')
            for number, option in enumerate(question.options):
                self.known(option, self.spec.options, f"{path}.options[{number}]", "answer option")
            self.unique(list(question.options), f"{path}.options")
        else:
            if not question.items:
                self.fail(f"{path}.items", "no items to choose")
            if question.options:
                self.fail(f"{path}.options", 'a "multiple" question has items, not options')
            self.unique([item.id for item in question.items], f"{path}.items")
            for number, item in enumerate(question.items):
                if item.ref is not None:
                    self.ref(item.ref, f"{path}.items[{number}].ref")
            self.item_groups(question, path)
        if question.kind == "choice" and question.item_groups:
            self.fail(f"{path}.item_groups", 'only a "multiple" question has item groups')

    def item_groups(self, question: Question, path: str) -> None:
        """Each group named, used, and its items side by side (they are listed under it)."""
        self.unique([group.id for group in question.item_groups], f"{path}.item_groups")
        groups = {group.id for group in question.item_groups}
        runs = [item.group for item in question.items]
        for number, group in enumerate(runs):
            if group is None:
                continue
            self.known(group, groups, f"{path}.items[{number}].group", "item group")
            if group in runs[:number] and runs[number - 1] != group:
                self.fail(
                    f"{path}.items[{number}].group", f"the items of '{group}' must be together"
                )
        for group in sorted(groups - set(runs)):
            self.fail(f"{path}.item_groups", f"'{group}' has no items")

    def tool(self, groups: set[str]) -> None:
        spec, tool = self.spec, self.spec.tool
        for language in ("en", "cy"):
            if not FILE_NAME.fullmatch(getattr(tool.file_name, language)):
                self.fail(
                    f"tool.file_name.{language}",
                    "lower-case letters and digits in words joined by hyphens",
                )
        questions = {q.id: q for q in spec.questions}
        if tool.mode_question is not None:
            question = questions.get(tool.mode_question)
            if question is None or question.kind != "choice":
                self.fail("tool.mode_question", f"'{tool.mode_question}' is not a choice question")
            for index, section in enumerate(spec.sections):
                if section.mode is not None:
                    self.known(section.mode, question.options, f"sections[{index}].mode", "mode")
        elif any(section.mode is not None for section in spec.sections):
            self.fail("tool.mode_question", "sections have modes, but no mode question is named")
        for index, listing in enumerate(tool.list_selected):
            path = f"tool.list_selected[{index}]"
            self.known(listing.question, questions, f"{path}.question", "question")
            if questions[listing.question].kind != "multiple":
                self.fail(f"{path}.question", f"'{listing.question}' is not a multiple question")
            self.known(listing.group, groups, f"{path}.group", "group")
        if tool.plan is not None:
            plan = tool.plan
            self.ref(plan.ref, "tool.plan.ref")
            if plan.rows < 1:
                self.fail("tool.plan.rows", "how many empty rows the form shows (1 or more)")
            if not plan.fields:
                self.fail("tool.plan.fields", "no fields")
            self.unique([f.id for f in plan.fields], "tool.plan.fields")
            for index, column in enumerate(plan.fields):
                path = f"tool.plan.fields[{index}].options"
                if column.kind == "choice" and not column.options:
                    self.fail(path, "a choice needs options")
                if column.kind != "choice" and column.options:
                    self.fail(path, 'only a "choice" field has options')
                for number, option in enumerate(column.options):
                    self.known(option, spec.options, f"{path}[{number}]", "answer option")
                self.answer_form(column, f"tool.plan.fields[{index}]")

    def when(self, when, path: str) -> None:
        if when == "always":
            return
        if isinstance(when, Condition):
            self.condition(when, path)
            return
        key, parts = _parts(when)
        where = f"{path}.{key}" if key else path
        if not parts:
            self.fail(where, "an empty list of conditions")
        for number, part in enumerate(parts):
            if part == "always":
                self.fail(f"{where}[{number}]", '"always" cannot be combined')
            self.when(part, f"{where}[{number}]")

    def condition(self, condition: Condition, path: str) -> None:
        questions = {q.id: q for q in self.spec.questions}
        self.known(condition.question, questions, f"{path}.question", "question")
        if not condition.answers:
            self.fail(f"{path}.answers", "empty")
        answers = (*self.spec.answer_ids(questions[condition.question]), "unanswered")
        for number, answer in enumerate(condition.answers):
            self.known(
                answer, answers, f"{path}.answers[{number}]", f"answer for '{condition.question}'"
            )

    def examples(self) -> None:
        spec = self.spec
        questions = {q.id: q for q in spec.questions}
        rules = {r.id for r in spec.rules}
        plan_fields = {f.id for f in spec.tool.plan.fields} if spec.tool.plan else set()
        if not spec.examples:
            self.fail("examples", "at least one worked example")
        self.unique([e.name for e in spec.examples], "examples")
        outcomes = {o.id for o in spec.outcomes}
        notes = {n.id for n in spec.notes}
        for index, example in enumerate(spec.examples):
            path = f"examples[{index}]"
            self.known(example.outcome, outcomes, f"{path}.outcome", "outcome")
            for number, rule_id in enumerate(example.reasons):
                self.known(rule_id, rules, f"{path}.reasons[{number}]", "rule")
            if example.first_group is not None:
                groups = {g.id for g in spec.groups}
                self.known(example.first_group, groups, f"{path}.first_group", "group")
            for note_id in example.notes:
                self.known(note_id, notes, f"{path}.notes.{note_id}", "note")
            for question_id, answer in example.answers.items():
                where = f"{path}.answers.{question_id}"
                self.known(question_id, questions, where, "question")
                question = questions[question_id]
                if (question.kind == "choice") != isinstance(answer, str):
                    wanted = "one answer id" if question.kind == "choice" else "a list of item ids"
                    self.fail(where, f"expected {wanted}")
                for each in (answer,) if isinstance(answer, str) else answer:
                    self.known(each, spec.answer_ids(question), where, "answer")
            for number, rule_id in enumerate(example.rules):
                self.known(rule_id, rules, f"{path}.rules[{number}]", "rule")
            for number, row in enumerate(example.plan):
                if not spec.tool.plan:
                    self.fail(f"{path}.plan", "the tool has no action plan")
                for column in row:
                    self.known(column, plan_fields, f"{path}.plan[{number}].{column}", "plan field")
            for number, question_id in enumerate(example.unanswered or ()):
                self.known(question_id, questions, f"{path}.unanswered[{number}]", "question")


def _parts(when) -> tuple[str, tuple]:
    """A combination's key in the spec and its parts (a plain list is "any of")."""
    if isinstance(when, AllOf):
        return "all", when.all
    if isinstance(when, AnyOf):
        return "any", when.any
    if isinstance(when, NoneOf):
        return "none", when.none
    return "", when


def _questions_in(when) -> set[str]:
    if when == "always":
        return set()
    if isinstance(when, Condition):
        return {when.question}
    return set().union(*(_questions_in(part) for part in _parts(when)[1]))


def anchors_in_docs(docs: Path) -> dict[str, set[str]]:
    """Explicit ids ({ #id }) of every English page below docs/, keyed by page path."""

    pattern = re.compile(r"\{\s*:?\s*#([A-Za-z0-9_-]+)\s*\}")
    return {
        path.relative_to(docs).as_posix(): set(pattern.findall(path.read_text(encoding="utf-8")))
        for path in docs.rglob("*.md")
        if not path.name.endswith(".cy.md")
    }


# ---- The compiled spec the browser reads (written by build_tools.py) ----


def compile_spec(spec: Spec) -> str:
    """A checked spec as JSON: what the browser's Python reads instead of TOML."""
    return json.dumps(as_data(spec), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_compiled(text: str) -> Spec:
    """The spec from compile_spec()'s JSON: already checked at build time, so not again."""
    return trusted(Spec, json.loads(text))


__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "Spec",
    "SpecError",
    "anchors_in_docs",
    "compile_spec",
    "load_compiled",
    "load_spec",
    "spec_file_name",
    "tool_ids",
    "validate",
]
