"""The typed model of a tool spec: frozen dataclasses, standard library only.

A spec is built from plain data (a TOML file, or the compiled JSON the build writes for the
browser) by `build()`, which walks these dataclasses' type hints. Loaded strictly, an unknown key,
a missing field or a wrong type stops with the path (`questions[3].options[1]`) and what was
expected. Every string a reader sees is a `Text`, in English and Welsh; `Text[language]` is the
one place a string is localised.
"""

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union

LANGUAGES = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}


# What a reader would type, as in a worked example's plan rows: may be empty.
Typed = Annotated[str, "may be empty"]


class SpecError(ValueError):
    """A spec is malformed; the message names the file, the path and what was expected."""


@dataclass(frozen=True)
class Text:
    """A string a reader sees, in each language."""

    en: str
    cy: str

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)


@dataclass(frozen=True)
class Points:
    """A list of the protocol's points, in each language (the same length in both)."""

    en: tuple[str, ...]
    cy: tuple[str, ...]

    def __getitem__(self, language: str) -> tuple[str, ...]:
        return getattr(self, language)


@dataclass(frozen=True)
class Reference:
    target: str  # a page below docs/ and an anchor: "appendices/x.md#anchor"
    label: Text


# How urgent a result group is, most urgent first: a spec lists its groups in this order, and
# the page marks each with data-urgency.
Urgency = Literal[
    "act-now",
    "before-contact",
    "with-manager",
    "during-contact",
    "in-supervision",
    "keep-in-focus",
    "what-you-see",
]
URGENCIES: tuple[str, ...] = typing.get_args(Urgency)
# The groups whose actions go into the record (what to do, by whom, by when); the rest (during
# the contact, keeping the child in focus, what you are seeing) are in the full guidance.
RECORD_URGENCIES: tuple[str, ...] = ("act-now", "before-contact", "with-manager", "in-supervision")


@dataclass(frozen=True)
class Group:
    id: str
    title: Text
    urgency: Urgency


@dataclass(frozen=True)
class Outcome:
    """A summary's bottom line: the tool's words for one level of the decision model. A spec
    lists one outcome per level, most urgent first; the summary's is the one whose level is the
    most urgent that any fact reaches (the least urgent when none does)."""

    id: str  # stable: the summary's data-outcome
    level: str  # the decision model's level it stands for (common.toml [[levels]])
    title: Text  # the bottom line, in one sentence
    quote: Text | None = None  # the protocol's words the outcome rests on
    ref: str | None = None  # where they are (needed with a quote)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    ref: str | None = None
    mode: str | None = None  # shown only when the mode question has this answer


@dataclass(frozen=True)
class Item:
    """One thing to choose in a "choose any" question."""

    id: str
    text: Text
    # Shown instead of `text` where the protocol's sentence does not read as an option
    # ("Threats can be covert or implied…" becomes "Covert or implied threats…").
    label: Text | None = None
    description: Text | None = None
    ref: str | None = None  # defaults to the question's
    own_words: bool = False  # the tool's own words, not the protocol's
    group: str | None = None  # listed under one of the question's item_groups


@dataclass(frozen=True)
class ItemGroup:
    """A lead-in that items of a "choose any" question are listed under, as the protocol nests
    them ("colluding with them by avoiding conflict, e.g.:" and its examples): the items read on
    from it, not from the question."""

    id: str
    text: Text


@dataclass(frozen=True)
class ModeText:
    """A question as put in another mode, in that reader's voice, with the Welsh answers its
    verb then takes."""

    text: Text
    answer_form: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    ref: str
    text: Text
    kind: Literal["choice", "multiple"] = "choice"
    options: tuple[str, ...] = ()  # answer ids from common.toml (kind "choice")
    items: tuple[Item, ...] = ()  # kind "multiple"
    item_groups: tuple[ItemGroup, ...] = ()  # lead-ins that some items are listed under
    own_words: bool = False  # the tool's own words, not the protocol's
    with_note: bool = False  # a free-text note beside the answer
    # For reflection only: no rule reads the answer, and the form says so beside it.
    reflection: bool = False
    # Answer labels that suit the question's verb (common.toml [answer_forms]): in Welsh,
    # "A oes…?" is answered "Oes / Nac oes", not "Ie / Na".
    answer_form: str | None = None
    # The question as put in another mode (by mode id), in that reader's voice: the
    # supervisor asks "Is the worker intimidated…?" where the worker asks "Are you…?".
    mode_text: dict[str, ModeText] = field(default_factory=dict)
    note_label: Text | None = None  # the note's label, where "Your note" says too little

    def item_group(self, group_id: str) -> ItemGroup:
        return next(group for group in self.item_groups if group.id == group_id)


@dataclass(frozen=True)
class Note:
    id: str
    label: Text
    hint: Text
    kind: Literal["text", "date", "datetime"] = "text"
    multiline: bool = False


@dataclass(frozen=True)
class Condition:
    """The question has one of these answers (for a "choose any" question: any chosen)."""

    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    all: tuple["When", ...]


@dataclass(frozen=True)
class AnyOf:
    any: tuple["When", ...]


@dataclass(frozen=True)
class NoneOf:
    """Not: none of these holds."""

    none: tuple["When", ...]


@dataclass(frozen=True)
class FactCondition:
    """Any of these facts of the decision model holds (for this tool's answers)."""

    facts: tuple[str, ...]


# What the action-plan rows say, computed (a plan is agreed only when its rows say so):
# "none": no row has anything in it; "incomplete": a row lacks what, how, who or by when;
# "not-agreed": a row is not agreed before the next visit; "agreed": at least one row, every
# row complete and agreed.
PlanState = Literal["none", "incomplete", "not-agreed", "agreed"]
PLAN_STATES: tuple[str, ...] = typing.get_args(PlanState)


@dataclass(frozen=True)
class PlanCondition:
    """The action plan's rows are in any of these states."""

    plan: tuple[PlanState, ...]


# When a rule applies. A plain list is "any of"; tables combine: { all = [...] },
# { any = [...] }, { none = [...] }, nested as deep as needed.
When = Union[  # noqa: UP007
    Literal["always"],
    Condition,
    FactCondition,
    PlanCondition,
    AllOf,
    AnyOf,
    NoneOf,
    tuple["When", ...],
]


@dataclass(frozen=True)
class Rule:
    id: str
    when: When
    group: str
    ref: str
    prompt: Text
    quote: Text | None = None  # the protocol's words
    points: Points | None = None
    warning: bool = False  # shown as a warning wherever it appears (the 999 line)
    mode_prompt: dict[str, Text] = field(default_factory=dict)  # in another mode's voice


@dataclass(frozen=True)
class Signal:
    """This tool's answers that make a fact of the decision model hold."""

    fact: str
    when: When


@dataclass(frozen=True)
class PlanField:
    id: str
    label: Text
    kind: Literal["text", "date", "choice"] = "text"
    options: tuple[str, ...] = ()
    answer_form: str | None = None  # as a question's


@dataclass(frozen=True)
class Plan:
    """An action plan whose rows the reader adds and removes; {n} is a row's number."""

    title: Text
    row: Text
    add: Text
    remove: Text
    added: Text
    removed: Text
    none: Text
    ref: str
    rows: int  # empty rows the form shows without JavaScript
    fields: tuple[PlanField, ...]


@dataclass(frozen=True)
class Listing:
    """The items chosen in a "choose any" question, listed in a result group."""

    question: str
    group: str
    describe: bool = True  # with each item's description (false: by name only)


@dataclass(frozen=True)
class Tool:
    id: str  # the spec's file name with "-" for "_", and the page's address
    order: int  # position in the Tools list and the navigation
    title: Text
    summary: Text  # one sentence for the Tools list
    intro: Text
    # The downloaded summary's file name, before its date, in each language (lower-case ASCII
    # words joined by hyphens: rhestr-wirio-cyn-ymweliad).
    file_name: Text
    reminder: Text | None = None  # at the top of the summary
    mode_question: str | None = None  # a choice question whose answer picks the sections
    list_selected: tuple[Listing, ...] = ()
    plan: Plan | None = None
    # With JavaScript, one section per step and a check-your-answers step; without, one form.
    steps: bool = False
    # What counts as an agreed action plan in this tool: it covers the facts that an agreed
    # plan can cover (common.toml: `plan_covers`).
    plan_agreed: When | None = None
    # Questions whose answers say what could not be assessed (the record shows them).
    assessment: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    """A worked example: answers, and the outcome and conditional rules the summary must then
    hold (`reasons`: the facts the outcome panel lists, in order; `first_group`, if given: the
    group the full guidance opens with)."""

    name: str
    answers: dict[str, str | tuple[str, ...]]
    outcome: str
    rules: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    first_group: str | None = None
    notes: dict[str, Typed] = field(default_factory=dict)
    # Given: exactly these are listed as unanswered. Not given: every choice question that
    # counts and has no answer.
    unanswered: tuple[str, ...] | None = None
    plan: tuple[dict[str, Typed], ...] = ()
    plan_rows: int | None = None


@dataclass(frozen=True)
class Level:
    """A level of the decision model: how urgent a fact is. common.toml lists them most
    urgent first."""

    id: str
    title: Text
    meaning: Text  # what reaching it asks of the professional, for "How the tools decide"


@dataclass(frozen=True)
class Fact:
    """Something the protocol cares about, defined once for every tool: its one level, its
    statement (a reason in the bottom line) and the passage of the protocol it rests on."""

    id: str
    level: str
    title: Text
    ref: Reference
    # An agreed action plan covers it (a plan agreed with the manager is the protocol's
    # answer): where the tool's plan is agreed, it is listed, covered, at the least urgent level.
    plan_covers: bool = False
    # Holds when a question that decides the bottom line is left unanswered (the engine
    # computes it: no tool maps it).
    unanswered: bool = False


@dataclass(frozen=True)
class Common:
    """common.toml: the decision model, answer options and interface strings every tool
    shares."""

    levels: tuple[Level, ...]
    facts: tuple[Fact, ...]
    options: dict[str, Text]
    answer_forms: dict[str, dict[str, Text]]
    strings: dict[str, Text]


@dataclass(frozen=True)
class SpecFile:
    """One tool's spec file, as written."""

    tool: Tool
    references: dict[str, Reference]
    outcomes: tuple[Outcome, ...]
    groups: tuple[Group, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    signals: tuple[Signal, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Spec:
    """A checked tool: its spec file with the common options and strings."""

    tool: Tool
    references: dict[str, Reference]
    outcomes: tuple[Outcome, ...]
    groups: tuple[Group, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    notes: tuple[Note, ...]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    signals: tuple[Signal, ...]
    levels: tuple[Level, ...]
    facts: tuple[Fact, ...]
    options: dict[str, Text]
    answer_forms: dict[str, dict[str, Text]]
    strings: dict[str, Text]
    name: str = field(default="", compare=False)  # file name, for messages

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def question_text(self, question: Question, mode: str | None) -> Text:
        """The question as put in this mode (its own text where the mode has no other)."""
        put = question.mode_text.get(mode or "")
        return put.text if put else question.text

    def mode_answer_label(self, question: Question, answer: str, mode: str | None) -> Text:
        """An answer's label as the question is put in this mode (its verb's Welsh answers)."""
        put = question.mode_text.get(mode or "")
        if put is not None and put.answer_form is not None:
            form = self.answer_forms[put.answer_form]
            return form.get(answer) or self.options[answer]
        return self.answer_label(question, answer)

    def item_label(self, item: Item) -> Text:
        """An item as an option reads: its label, or the protocol's words without the list's
        punctuation ("Swearing;" and "Following and harassing workers; and" end at the word)."""
        if item.label is not None:
            return item.label
        return Text(**{language: option_text(item.text[language]) for language in LANGUAGES})

    def answer_label(self, asked: "Question | PlanField", answer: str) -> Text:
        """An answer option's label for this question: its answer form's, or the common one."""
        form = self.answer_forms.get(asked.answer_form or "", {})
        return form.get(answer) or self.options[answer]

    def answer_ids(self, question: Question) -> tuple[str, ...]:
        return (
            question.options if question.kind == "choice" else tuple(i.id for i in question.items)
        )


def condition_parts(when) -> tuple[str, tuple]:
    """A combination's key in the spec and its parts (a plain list is "any of")."""
    if isinstance(when, AllOf):
        return "all", when.all
    if isinstance(when, AnyOf):
        return "any", when.any
    if isinstance(when, NoneOf):
        return "none", when.none
    return "", when


def conditions_in(when) -> list[Condition]:
    """Every question condition in a `when`, however deeply combined."""
    if when == "always" or isinstance(when, FactCondition | PlanCondition):
        return []
    if isinstance(when, Condition):
        return [when]
    return [each for part in condition_parts(when)[1] for each in conditions_in(part)]


def questions_in(when) -> set[str]:
    return {condition.question for condition in conditions_in(when)}


def facts_in(when) -> set[str]:
    """The facts a `when` rests on."""
    if when == "always" or isinstance(when, Condition | PlanCondition):
        return set()
    if isinstance(when, FactCondition):
        return set(when.facts)
    return set().union(*(facts_in(part) for part in condition_parts(when)[1]))


_LIST_ENDING = ("; and", "; a", ";", ", and")


def option_text(text: str) -> str:
    """A protocol list item without the list's own ending: its trailing "; and" (Welsh "; a"),
    ";" or "and"."""
    text = text.rstrip()
    changed = True
    while changed:
        changed = False
        for ending in _LIST_ENDING:
            if text.endswith(ending) and len(text) > len(ending):
                text = text[: -len(ending)].rstrip()
                changed = True
    return text


# ---- Building the model from plain data ----

_EXPECTED = {str: "a string", int: "a whole number", bool: "true or false"}


def build(kind: Any, value: Any, path: str, fail) -> Any:
    """`value` (from TOML or JSON) as `kind`; `fail(path, problem)` raises with the place named.

    Never changes `value`: every dataclass, tuple and dict in the result is new.
    """
    kind = _resolved(kind)
    origin = typing.get_origin(kind)
    if origin is Annotated:
        if not isinstance(value, str):
            fail(path, f"expected a string, not {_describe(value)}")
        return value
    if origin in (Union, types.UnionType):
        return _build_union(typing.get_args(kind), value, path, fail)
    if origin is Literal:
        choices = typing.get_args(kind)
        if value not in choices:
            fail(
                path, "expected one of " + ", ".join(f'"{c}"' for c in choices) + f", not {value!r}"
            )
        return value
    if origin is tuple:
        (item_kind, _) = typing.get_args(kind)
        if not isinstance(value, list | tuple):
            fail(path, f"expected a list ([...] or [[{_last(path)}]]), not {_describe(value)}")
        return tuple(build(item_kind, each, f"{path}[{i}]", fail) for i, each in enumerate(value))
    if origin is dict:
        _, item_kind = typing.get_args(kind)
        if not isinstance(value, dict):
            fail(path, f"expected a table of named entries, not {_describe(value)}")
        return {key: build(item_kind, each, _join(path, key), fail) for key, each in value.items()}
    if dataclasses.is_dataclass(kind):
        return _build_dataclass(kind, value, path, fail)
    if kind in _EXPECTED:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            fail(path, f"expected {_EXPECTED[kind]}, not {_describe(value)}")
        if kind is str and not value.strip():
            fail(path, "expected a string that is not empty")
        return value
    raise TypeError(f"the spec model has a field of unsupported type {kind!r} at {path}")


def _resolved(kind):
    """A recursive alias (When, inside its own combinations) is left as a name: look it up."""
    if isinstance(kind, typing.ForwardRef):
        return globals()[kind.__forward_arg__]
    return kind


def _build_dataclass(kind, value, path, fail):
    if kind is Text or kind is Points:
        return _build_text(kind, value, path, fail)
    if not isinstance(value, dict):
        fail(path, f"expected a table with {_field_list(kind)}, not {_describe(value)}")
    hints = typing.get_type_hints(kind, include_extras=True)
    names = {f.name for f in dataclasses.fields(kind) if f.init and f.compare}
    unknown = sorted(set(value) - names)
    if unknown:
        fail(_join(path, unknown[0]), f"unknown field (expected {_field_list(kind)})")
    arguments = {}
    for each in dataclasses.fields(kind):
        if each.name not in names:
            continue
        if each.name in value:
            arguments[each.name] = build(
                hints[each.name], value[each.name], _join(path, each.name), fail
            )
        elif each.default is dataclasses.MISSING and each.default_factory is dataclasses.MISSING:
            fail(_join(path, each.name), f"missing: expected {_describe_kind(hints[each.name])}")
    return kind(**arguments)


def _build_text(kind, value, path, fail):
    if not isinstance(value, dict):
        fail(path, 'expected the text in each language: { en = "…", cy = "…" }')
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        fail(_join(path, unknown[0]), "unknown language (expected en and cy)")
    texts = {}
    for language in LANGUAGES:
        where = _join(path, language)
        if language not in value:
            fail(where, f"missing {LANGUAGE_NAMES[language]} string")
        given = value[language]
        if kind is Points:
            if not isinstance(given, list | tuple) or not given:
                fail(
                    where, f"missing {LANGUAGE_NAMES[language]} points: expected a list of strings"
                )
            texts[language] = tuple(
                build(str, p, f"{where}[{i}]", fail) for i, p in enumerate(given)
            )
        else:
            if not isinstance(given, str) or not given.strip():
                fail(where, f"missing {LANGUAGE_NAMES[language]} string")
            texts[language] = given
    return kind(**texts)


def _build_union(kinds, value, path, fail):
    optional = type(None) in kinds
    kinds = [k for k in kinds if k is not type(None)]
    if value is None and optional:
        return None
    if len(kinds) == 1:
        return build(kinds[0], value, path, fail)
    # Choose the alternative by the shape of the value, so the message is about that shape.
    for kind in kinds:
        if _shape_matches(kind, value):
            return build(kind, value, path, fail)
    fail(
        path,
        "expected " + " or ".join(_describe_kind(k) for k in kinds) + f", not {_describe(value)}",
    )


def _shape_matches(kind, value) -> bool:
    kind = _resolved(kind)
    origin = typing.get_origin(kind)
    if origin is Literal:
        return isinstance(value, str)
    if origin is tuple:
        return isinstance(value, list | tuple)
    if origin is dict:
        return isinstance(value, dict)
    if dataclasses.is_dataclass(kind):
        # Tables of different kinds are told apart by their keys ({ all = … }, { question = … }).
        names = {f.name for f in dataclasses.fields(kind)}
        return isinstance(value, dict) and bool(set(value) & names)
    return isinstance(value, kind)


def _describe_kind(kind) -> str:
    if isinstance(kind, typing.ForwardRef):
        return "conditions"  # the recursive alias inside itself: said once is enough
    origin = typing.get_origin(kind)
    if origin is Literal:
        return " or ".join(f'"{c}"' for c in typing.get_args(kind))
    if origin is tuple:
        return f"a list of {_describe_kind(typing.get_args(kind)[0])}"
    if origin is dict:
        return "a table of named entries"
    if origin in (Union, types.UnionType):
        kinds = [k for k in typing.get_args(kind) if k is not type(None)]
        return " or ".join(_describe_kind(k) for k in kinds)
    if kind is Text:
        return 'the text in each language: { en = "…", cy = "…" }'
    if dataclasses.is_dataclass(kind):
        return f"a table with {_field_list(kind)}"
    return _EXPECTED.get(kind, str(kind))


def _field_list(kind) -> str:
    fields = [f for f in dataclasses.fields(kind) if f.init and f.compare]
    required = [
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    optional = [f.name for f in fields if f.name not in required]
    listed = ", ".join(required)
    return listed + (f" (optional: {', '.join(optional)})" if optional else "")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"the string {value!r}" if len(value) < 40 else "a string"
    return f"{type(value).__name__} {value!r}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _last(path: str) -> str:
    return path.rsplit(".", 1)[-1].split("[")[0]


def trusted(kind: Any, value: Any) -> Any:
    """Builds the model from data the build already checked (the compiled spec.json)."""

    def unreachable(path, problem):
        raise SpecError(f"compiled spec: {path}: {problem}")

    return build(kind, value, "", unreachable)


def as_data(model: Any) -> Any:
    """The model as plain JSON-ready data (lists for tuples), which `build()` reads back."""
    if dataclasses.is_dataclass(model):
        return {
            f.name: as_data(getattr(model, f.name))
            for f in dataclasses.fields(model)
            if f.compare and getattr(model, f.name) is not None
        }
    if isinstance(model, tuple | list):
        return [as_data(each) for each in model]
    if isinstance(model, dict):
        return {key: as_data(each) for key, each in model.items()}
    return model
