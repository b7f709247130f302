"""The decision model applied to one tool's answers: which facts hold, why, and the bottom line.

The facts, their levels and their passages are defined once, in common.toml; each tool's
[[signals]] say which of its answers make a fact hold. The bottom line is the most urgent level
any fact reaches (the least urgent when none does), so the same fact gives the same bottom line
in every tool. A fact an agreed action plan covers (`plan_covers`) is listed, covered, at the
least urgent level where the tool's own plan is agreed (`tool.plan_agreed`).
"""

from dataclasses import dataclass, field
from typing import Any

from mawwsb_tools.model import (
    AllOf,
    AnyOf,
    Condition,
    Fact,
    FactCondition,
    NoneOf,
    PlanCondition,
    Question,
    Spec,
    facts_in,
)

# A condition's answer that matches a question left unanswered.
UNANSWERED = "unanswered"
# A plan row is complete when these are filled in (what, how, who, by when).
PLAN_COMPLETE = ("risk", "managed", "who", "by-when")
PLAN_AGREED_FIELD = "agreed"


@dataclass(frozen=True)
class Evidence:
    """What made a fact hold: a question's answers, or the action plan's rows."""

    question: str | None = None
    answers: tuple[str, ...] = ()  # the answers (or items) that matched; "unanswered" too
    plan_state: str | None = None
    plan_rows: tuple[int, ...] = ()  # the rows (from 1) in that state


@dataclass(frozen=True)
class Decision:
    """The facts that hold for some answers, in the model's order, and the bottom line."""

    facts: tuple[Fact, ...]
    evidence: dict[str, tuple[Evidence, ...]]
    covered: frozenset[str]  # facts an agreed plan covers here
    level: str  # the bottom line's level
    plan_agreed: bool
    deciding: tuple[Question, ...]  # the questions that decide the bottom line
    unanswered: tuple[Question, ...] = field(default=())

    def effective_level(self, fact: Fact, lowest: str) -> str:
        return lowest if fact.id in self.covered else fact.level


def plan_states(rows: list[dict[str, str]]) -> dict[str, tuple[int, ...]]:
    """The states of the action plan's (cleaned) rows, each with the rows in it."""
    incomplete = tuple(
        number
        for number, row in enumerate(rows, 1)
        if not all(row.get(column) for column in PLAN_COMPLETE)
    )
    not_agreed = tuple(
        number for number, row in enumerate(rows, 1) if row.get(PLAN_AGREED_FIELD) != "yes"
    )
    states: dict[str, tuple[int, ...]] = {}
    if not rows:
        states["none"] = ()
    if incomplete:
        states["incomplete"] = incomplete
    if not_agreed:
        states["not-agreed"] = not_agreed
    if rows and not incomplete and not not_agreed:
        states["agreed"] = tuple(range(1, len(rows) + 1))
    return states


@dataclass(frozen=True)
class _State:
    answers: dict[str, Any]
    facts: frozenset[str]
    plan: dict[str, tuple[int, ...]]


def _condition_holds(when: Condition, answers: dict[str, Any]) -> bool:
    if when.question not in answers:
        return UNANSWERED in when.answers
    given = answers.get(when.question)
    chosen = given if isinstance(given, list) else [given]
    return any(answer in when.answers for answer in chosen)


def _holds(when: Any, state: _State) -> bool:
    if when == "always":
        return True
    if isinstance(when, Condition):
        return _condition_holds(when, state.answers)
    if isinstance(when, FactCondition):
        return any(fact in state.facts for fact in when.facts)
    if isinstance(when, PlanCondition):
        return any(each in state.plan for each in when.plan)
    if isinstance(when, AllOf):
        return all(_holds(part, state) for part in when.all)
    if isinstance(when, NoneOf):
        return not any(_holds(part, state) for part in when.none)
    parts = when.any if isinstance(when, AnyOf) else when  # a plain list is "any of"
    return any(_holds(part, state) for part in parts)


def holds(when: Any, answers: dict[str, Any], facts=frozenset(), plan=None) -> bool:
    """Whether a `when` holds: "always", a condition on a question, the facts or the plan,
    or all / any / none of others."""
    return _holds(when, _State(answers, frozenset(facts), plan or {}))


def _evidence(when: Any, state: _State) -> list[Evidence]:
    """The answers along the branches of a `when` that hold (what the reader said that made
    it hold). Absence ("none of") and other facts are not evidence of their own."""
    if isinstance(when, Condition):
        if when.question not in state.answers:
            return [Evidence(when.question, (UNANSWERED,))]
        given = state.answers[when.question]
        chosen = given if isinstance(given, list) else [given]
        return [Evidence(when.question, tuple(a for a in chosen if a in when.answers))]
    if isinstance(when, PlanCondition):
        return [
            Evidence(plan_state=each, plan_rows=state.plan[each])
            for each in when.plan
            if each in state.plan
        ]
    if when == "always" or isinstance(when, FactCondition | NoneOf):
        return []
    parts = when.all if isinstance(when, AllOf) else when.any if isinstance(when, AnyOf) else when
    return [each for part in parts if _holds(part, state) for each in _evidence(part, state)]


def _fact_order(spec: Spec) -> list[Fact]:
    """The facts, each after the facts its signals rest on (the build refuses loops)."""
    rests_on: dict[str, set[str]] = {fact.id: set() for fact in spec.facts}
    for signal in spec.signals:
        rests_on[signal.fact] |= facts_in(signal.when)
    ordered: list[Fact] = []
    placed: set[str] = set()

    def place(fact: Fact) -> None:
        if fact.id in placed:
            return
        placed.add(fact.id)
        for before in sorted(rests_on[fact.id]):
            place(spec.fact(before))
        ordered.append(fact)

    for fact in spec.facts:
        place(fact)
    return ordered


def deciding_questions(spec: Spec, questions: list[Question]) -> tuple[Question, ...]:
    """The questions that decide the bottom line: every one answered with one choice that is
    not for reflection only (the mode included), among those that count."""
    return tuple(q for q in questions if q.kind == "choice" and not q.reflection)


def decide(
    spec: Spec,
    answers: dict[str, Any],
    questions: list[Question],
    plan_rows: list[dict[str, str]],
) -> Decision:
    """Which facts hold for these (cleaned) answers of the questions that count, and the
    bottom line's level."""
    plan = plan_states(plan_rows) if spec.tool.plan is not None else {}
    deciding = deciding_questions(spec, questions)
    unanswered = tuple(q for q in deciding if q.id not in answers)
    holding: set[str] = set()
    evidence: dict[str, tuple[Evidence, ...]] = {}
    for fact in _fact_order(spec):
        if fact.unanswered:
            if unanswered:
                holding.add(fact.id)
                evidence[fact.id] = ()
            continue
        state = _State(answers, frozenset(holding), plan)
        found = [s for s in spec.signals if s.fact == fact.id and _holds(s.when, state)]
        if found:
            holding.add(fact.id)
            seen: list[Evidence] = []
            for signal in found:
                for each in _evidence(signal.when, state):
                    if each not in seen:
                        seen.append(each)
            evidence[fact.id] = tuple(seen)
    facts = tuple(fact for fact in spec.facts if fact.id in holding)
    state = _State(answers, frozenset(holding), plan)
    agreed = spec.tool.plan_agreed is not None and _holds(spec.tool.plan_agreed, state)
    covered = frozenset(fact.id for fact in facts if agreed and fact.plan_covers)
    ranks = [level.id for level in spec.levels]
    lowest = ranks[-1]
    reached = [ranks.index(lowest if f.id in covered else f.level) for f in facts]
    level = ranks[min(reached)] if reached else lowest
    return Decision(facts, evidence, covered, level, agreed, deciding, unanswered)
