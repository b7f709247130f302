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
    Common,
    Condition,
    FactCondition,
    PlanCondition,
    Question,
    Spec,
    SpecError,
    SpecFile,
    as_data,
    build,
    condition_parts,
    conditions_in,
    facts_in,
    questions_in,
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
        signals=written.signals,
        levels=shared.levels,
        facts=shared.facts,
        options=shared.options,
        answer_forms=shared.answer_forms,
        strings=shared.strings,
        name=name,
    )
    _ModelChecks(shared, anchors).run()
    _Checks(name, spec, anchors).run()
    return spec


class _ModelChecks:
    """The decision model in common.toml: levels and facts, each fact with one known level and
    a passage of the protocol."""

    def __init__(self, common: Common, anchors: dict[str, set[str]] | None):
        self.common, self.anchors = common, anchors

    def fail(self, path: str, problem: str):
        raise SpecError(f"{COMMON}: {path}: {problem}")

    def run(self) -> None:
        levels = [level.id for level in self.common.levels]
        if not levels:
            self.fail("levels", "at least one level (most urgent first)")
        _unique(levels, "levels", self.fail)
        _unique([fact.id for fact in self.common.facts], "facts", self.fail)
        for index, fact in enumerate(self.common.facts):
            path = f"facts[{index}]"
            if fact.level not in levels:
                self.fail(f"{path}.level", f"fact '{fact.id}': unknown level '{fact.level}'")
            if fact.plan_covers and fact.level == levels[0]:
                self.fail(
                    f"{path}.plan_covers",
                    f"fact '{fact.id}' is at the most urgent level ('{levels[0]}'): no action "
                    "plan covers it",
                )
            _check_target(fact.ref.target, f"{path}.ref.target", self.anchors, self.fail)
        computed = [fact.id for fact in self.common.facts if fact.unanswered]
        if len(computed) > 1:
            self.fail("facts", f"only one fact holds for unanswered questions, not {computed}")


def _unique(ids: list[str], path: str, fail) -> None:
    seen = set()
    for index, each in enumerate(ids):
        if each in seen:
            fail(f"{path}[{index}].id", f"duplicate id '{each}'")
        seen.add(each)


def _check_target(target: str, path: str, anchors, fail) -> None:
    page, _, anchor = target.partition("#")
    if not page.endswith(".md") or not anchor:
        fail(path, f"'{target}' is not page.md#anchor")
    if anchors is not None:
        if page not in anchors:
            fail(path, f"no protocol page '{page}'")
        if anchor not in anchors[page]:
            fail(path, f"no anchor '#{anchor}' on {page}")


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
        _unique(ids, path, self.fail)

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
            self.known(rule.group, groups, f"{path}.group", "group")
            self.ref(rule.ref, f"{path}.ref")
            if rule.points is not None and len(rule.points.en) != len(rule.points.cy):
                self.fail(f"{path}.points", "English and Welsh lists differ in length")
            self.modes(rule.mode_prompt, f"{path}.mode_prompt")
        self.signals()
        self.every_answer_counts()
        self.examples()

    def modes(self, texts: dict, path: str) -> None:
        """Texts in another mode's voice name modes the mode question offers."""
        if not texts:
            return
        mode_question = self.spec.tool.mode_question
        if mode_question is None:
            self.fail(path, "the tool has no modes (tool.mode_question)")
        modes = self.spec.question(mode_question).options
        for mode in texts:
            self.known(mode, modes, f"{path}.{mode}", "mode")

    def signals(self) -> None:
        """Each signal feeds a known fact; facts that depend on facts form no loop."""
        spec = self.spec
        facts = {fact.id: fact for fact in spec.facts}
        depends: dict[str, set[str]] = {}
        for index, signal in enumerate(spec.signals):
            path = f"signals[{index}]"
            self.known(signal.fact, facts, f"{path}.fact", "fact")
            if facts[signal.fact].unanswered:
                self.fail(f"{path}.fact", f"'{signal.fact}' is computed from unanswered questions")
            self.when(signal.when, f"{path}.when")
            if signal.when == "always":
                self.fail(f"{path}.when", "a fact cannot always hold")
            depends.setdefault(signal.fact, set()).update(facts_in(signal.when))
        # A fact may rest on others (a lone visit where hostility is known), never on itself.
        for start in depends:
            seen, todo = set(), [start]
            while todo:
                for after in depends.get(todo.pop(), ()):
                    if after == start:
                        self.fail("signals", f"fact '{start}' depends on itself")
                    if after not in seen:
                        seen.add(after)
                        todo.append(after)

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
        """One outcome per level of the decision model, in the levels' order: the same fact
        then gives the same bottom line in every tool."""
        spec = self.spec
        self.unique([o.id for o in spec.outcomes], "outcomes")
        levels = [level.id for level in spec.levels]
        for index, outcome in enumerate(spec.outcomes):
            self.known(outcome.level, levels, f"outcomes[{index}].level", "level")
            if outcome.quote is not None and outcome.ref is None:
                self.fail(f"outcomes[{index}].ref", "a quote needs the reference it comes from")
            if outcome.ref is not None:
                self.ref(outcome.ref, f"outcomes[{index}].ref")
        given = [outcome.level for outcome in spec.outcomes]
        if given != levels:
            self.fail(
                "outcomes",
                "one outcome for each level, most urgent first: expected levels "
                + ", ".join(levels)
                + ", not "
                + (", ".join(given) or "none"),
            )

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
        """Each question feeds a fact of the decision model (so it can change the bottom line),
        or it is marked for reflection (the form says its answer does not change the bottom
        line); each item a reader can tick in a question that counts changes something."""
        spec = self.spec
        feeds: set[str] = set()
        for signal in spec.signals:
            feeds |= questions_in(signal.when)
        if spec.tool.plan_agreed is not None:
            feeds |= questions_in(spec.tool.plan_agreed)
        read_items: dict[str, set[str]] = {}
        for when in [signal.when for signal in spec.signals] + [rule.when for rule in spec.rules]:
            for condition in conditions_in(when):
                read_items.setdefault(condition.question, set()).update(condition.answers)
        for listing in spec.tool.list_selected:
            question = spec.question(listing.question)
            read_items.setdefault(question.id, set()).update(i.id for i in question.items)
        for index, question in enumerate(spec.questions):
            path = f"questions[{index}].reflection"
            if question.id == spec.tool.mode_question:
                continue
            if question.reflection and question.id in feeds:
                self.fail(
                    path,
                    f"'{question.id}' feeds a fact, so it can change the bottom line: it "
                    "is not for reflection only",
                )
            if not question.reflection and question.id not in feeds:
                self.fail(
                    path,
                    f"'{question.id}' feeds no fact of the decision model: give it a signal "
                    "([[signals]]), or mark it reflection = true (the form then says the answer "
                    "does not change the bottom line)",
                )
            if not question.reflection and question.kind == "multiple":
                for number, item in enumerate(question.items):
                    if item.id not in read_items.get(question.id, set()):
                        self.fail(
                            f"questions[{index}].items[{number}]",
                            f"ticking '{item.id}' changes nothing: give it a signal or a rule",
                        )

    def references(self) -> None:
        for ref_id, reference in self.spec.references.items():
            _check_target(reference.target, f"references.{ref_id}.target", self.anchors, self.fail)

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
        self.modes(question.mode_text, f"{path}.mode_text")
        for mode, put in question.mode_text.items():
            where = f"{path}.mode_text.{mode}"
            if put.answer_form is not None:
                self.known(put.answer_form, self.spec.answer_forms, f"{where}.answer_form", "form")
            elif question.answer_form is not None:
                self.fail(
                    f"{where}.answer_form",
                    "missing: the question's Welsh answers take its verb, so the question put "
                    "in another voice names its own answer form",
                )
        if question.note_label is not None and not question.with_note:
            self.fail(f"{path}.note_label", "a note label needs with_note = true")

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
        if tool.plan_agreed is not None:
            self.when(tool.plan_agreed, "tool.plan_agreed")
        for index, question_id in enumerate(tool.assessment):
            self.known(question_id, questions, f"tool.assessment[{index}]", "question")
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
        if isinstance(when, FactCondition):
            if not when.facts:
                self.fail(f"{path}.facts", "empty")
            facts = {fact.id for fact in self.spec.facts}
            for number, fact in enumerate(when.facts):
                self.known(fact, facts, f"{path}.facts[{number}]", "fact")
            return
        if isinstance(when, PlanCondition):
            if self.spec.tool.plan is None:
                self.fail(f"{path}.plan", "the tool has no action plan")
            if not when.plan:
                self.fail(f"{path}.plan", "empty")
            return
        key, parts = condition_parts(when)
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
        facts = {fact.id for fact in spec.facts}
        for index, example in enumerate(spec.examples):
            path = f"examples[{index}]"
            self.known(example.outcome, outcomes, f"{path}.outcome", "outcome")
            for number, fact_id in enumerate(example.reasons):
                self.known(fact_id, facts, f"{path}.reasons[{number}]", "fact")
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
