"""Answers -> the summary: which of the spec's prompts apply, grouped by urgency, with sources.

`evaluate()` computes the whole result, in one language, as plain data: every heading, prompt,
quote, source, answer and label the reader will see, in the order they will see it. The text and
Markdown copies (summary.py) and the page's script (tools.js) only lay that result out; none of
them decides anything, so what Python computes is what the reader gets.
"""

import re
from typing import Any

from mawwsb_tools.decision import UNANSWERED, Decision, Evidence, decide, holds, plan_states
from mawwsb_tools.model import LANGUAGES, RECORD_URGENCIES, Question, Rule, Spec, questions_in

# "How the tools decide": the page generated from the decision model, below docs/.
DECIDE_PAGE = "tools/how-the-tools-decide.md#how-the-tools-decide"


def page_url(target: str) -> str:
    """'appendices/x.md#anchor' -> 'appendices/x/#anchor' (the site's directory URLs)."""
    page, _, anchor = target.partition("#")
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return f"{path}#{anchor}" if anchor else path


def _clean_answers(spec: Spec, answers: Any) -> dict[str, Any]:
    """Only known questions with their own answers count; anything else is unanswered.
    A choice question's answer is one option id; a multiple question's, a list of item ids."""
    if not isinstance(answers, dict):
        return {}
    clean: dict[str, Any] = {}
    for question in spec.questions:
        given = answers.get(question.id)
        if question.kind == "choice":
            if isinstance(given, str) and given in question.options:
                clean[question.id] = given
        elif isinstance(given, list | tuple):
            chosen = {each for each in given if isinstance(each, str)}
            selected = [item.id for item in question.items if item.id in chosen]
            if selected:
                clean[question.id] = selected
    return clean


def _clean_texts(values: Any, ids: list[str]) -> dict[str, str]:
    if not isinstance(values, dict):
        return {}
    return {
        key: values[key].strip()
        for key in ids
        if isinstance(values.get(key), str) and values[key].strip()
    }


def active_questions(spec: Spec, answers: dict[str, Any]) -> list[Question]:
    """The questions that count: in a tool with modes, those of the chosen mode's sections."""
    mode = answers.get(spec.tool.mode_question) if spec.tool.mode_question else None
    inactive = {s.id for s in spec.sections if s.mode is not None and mode and s.mode != mode}
    return [q for q in spec.questions if q.section not in inactive]


def _clean_plan(spec: Spec, rows: Any) -> list[dict[str, str]]:
    """Action-plan rows with at least one field filled in; unknown fields and values dropped."""
    plan = spec.tool.plan
    if not plan or not isinstance(rows, list | tuple):
        return []
    clean = []
    for row in rows:
        values = _clean_texts(row, [column.id for column in plan.fields])
        for column in plan.fields:
            if column.kind == "choice" and values.get(column.id) not in column.options:
                values.pop(column.id, None)
        if values:
            clean.append(values)
    return clean


def evaluate(
    spec: Spec,
    answers: Any,
    language: str,
    notes: Any = None,
    base_url: str = "",
    plan: Any = None,
    prepared_at: Any = None,
) -> dict[str, Any]:
    """The summary for these answers, in one language, as plain data (JSON-ready).

    `notes` holds free text by note id (and by question id, for questions `with_note`); `plan`
    is a list of action-plan rows; `base_url` is the address of the site's home in this
    language, below which sources link; `prepared_at` is the device's local date and time,
    "YYYY-MM-DDTHH:MM", which the summary names (a case record needs it).

    The summary has two parts: the record (the bottom line with its reasons, what is
    unanswered, the notes, the actions, the plan and what could not be assessed), which goes
    into a case record or to supervision; then the full guidance and every answer.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    strings = {key: text[language] for key, text in spec.strings.items()}
    answers = _clean_answers(spec, answers)
    questions = active_questions(spec, answers)
    answers = {q.id: answers[q.id] for q in questions if q.id in answers}
    mode = answers.get(spec.tool.mode_question) if spec.tool.mode_question else None
    notes = _clean_texts(
        notes, [n.id for n in spec.notes] + [q.id for q in questions if q.with_note]
    )
    plan_rows = _clean_plan(spec, plan)
    decision = decide(spec, answers, questions, plan_rows)
    holding = {fact.id for fact in decision.facts}
    plan_state = plan_states(plan_rows) if spec.tool.plan is not None else {}

    def source(ref_id: str) -> dict[str, str]:
        reference = spec.references[ref_id]
        return {
            "ref": ref_id,
            "label": reference.label[language],
            "url": base_url + page_url(reference.target),
        }

    def text_of(question: Question) -> str:
        return spec.question_text(question, mode)[language]

    def prompt_of(rule: Rule) -> str:
        return rule.mode_prompt.get(mode or "", rule.prompt)[language]

    def entry(kind, entry_id, prompt, quote=None, lead="", points=(), ref="", warning=False):
        return {
            "kind": kind,
            "id": entry_id,
            "prompt": prompt,
            "warning": warning,
            "points": list(points),
            "quote": {"lead": lead, "text": quote} if quote else None,
            "source": source(ref),
        }

    items: dict[str, list[dict[str, Any]]] = {group.id: [] for group in spec.groups}
    applied = [rule for rule in spec.rules if holds(rule.when, answers, holding, plan_state)]
    # What the reader chose, each with the protocol's description (their own reflection).
    for listing in spec.tool.list_selected:
        question = spec.question(listing.question)
        for item in question.items:
            if item.id in answers.get(question.id, []):
                described = listing.describe and item.description
                description = item.description[language] if described else None
                items[listing.group].append(
                    entry(
                        "selected",
                        item.id,
                        spec.item_label(item)[language],
                        description,
                        ref=item.ref or question.ref,
                    )
                )
    for rule in applied:
        items[rule.group].append(
            entry(
                "rule",
                rule.id,
                prompt_of(rule),
                rule.quote[language] if rule.quote else None,
                strings["protocol-says"],
                rule.points[language] if rule.points else (),
                rule.ref,
                rule.warning,
            )
        )
    # The record's actions: what these answers call for before the next contact or at
    # supervision, and the 999 line; the guidance every summary carries, and what to keep in
    # mind during the contact, are in the full guidance only.
    actions: dict[str, list[dict[str, Any]]] = {group.id: [] for group in spec.groups}
    in_record = {group.id for group in spec.groups if group.urgency in RECORD_URGENCIES}
    for rule in applied:
        if rule.group in in_record and (rule.when != "always" or rule.warning):
            actions[rule.group].append(
                {
                    "id": rule.id,
                    "prompt": prompt_of(rule),
                    "warning": rule.warning,
                    "href": f"#summary-rule-{rule.id}",
                }
            )

    def answered(question: Question) -> dict[str, str]:
        """A question as asked in this mode, its answer as the reader gave it, and its note."""
        given = answers.get(question.id)
        return {
            "question": question.id,
            "text": text_of(question),
            "answer": _answer_text(spec, question, given, strings, language, mode),
            "note": notes.get(question.id, ""),
        }

    sections = []
    for section in spec.sections:
        entries = [answered(question) for question in questions if question.section == section.id]
        if entries:
            sections.append(
                {"id": section.id, "title": section.title[language], "entries": entries}
            )
    # What could not be assessed: the record names it where an answer says so, a note
    # explains it, or it is not yet answered.
    telling = {each.question for evidence in decision.evidence.values() for each in evidence}
    shown = {
        question.id
        for question in questions
        if question.id in telling or question.id in notes or question.id not in answers
    }
    assessment = [answered(spec.question(q)) for q in spec.tool.assessment if q in shown]
    result: dict[str, Any] = {
        "tool": spec.tool.id,
        "language": language,
        "title": spec.tool.title[language],
        "generated": strings["generated"],
        "prepared": _prepared(prepared_at, strings),
        "outcome": _outcome(spec, decision, answers, plan_rows, mode, language, strings, base_url),
        "unanswered": {
            "title": strings["unanswered"],
            "questions": [
                {"id": q.id, "text": text_of(q), "href": f"#question-{q.id}"}
                for q in decision.unanswered
            ],
        },
        "reminder": spec.tool.reminder[language] if spec.tool.reminder else None,
        "mode": None,
        "labels": {
            "outcome": strings["outcome"],
            "source": strings["source"],
            "note": strings["note"],
            "warning": strings["warning"],
        },
        "notes": {
            "title": strings["notes"],
            "entries": [
                {
                    "id": note.id,
                    "label": note.label[language],
                    "value": _note_value(note.kind, notes[note.id], strings),
                }
                for note in spec.notes
                if note.id in notes
            ],
        },
        "actions": {"title": strings["actions"], "groups": _grouped(spec, actions, language)},
        "plan": _plan(spec, plan_rows, language, source),
        "assessment": (
            {"title": strings["not-assessed"], "entries": assessment} if assessment else None
        ),
        "guidance": {
            "title": strings["full-guidance"],
            "intro": strings["full-guidance-intro"],
        },
        "groups": _grouped(spec, items, language),
        "answers": {"title": strings["answers"], "sections": sections},
    }
    if mode is not None:
        result["mode"] = {
            "label": strings["mode"],
            "value": spec.answer_label(spec.question(spec.tool.mode_question), mode)[language],
        }
    return result


def _grouped(spec: Spec, items: dict[str, list], language: str) -> list[dict[str, Any]]:
    """Entries by result group, in the spec's order of urgency; empty groups left out."""
    return [
        {
            "id": group.id,
            "urgency": group.urgency,
            "title": group.title[language],
            "items": items[group.id],
        }
        for group in spec.groups
        if items[group.id]
    ]


def _outcome(
    spec: Spec,
    decision: Decision,
    answers: dict[str, Any],
    plan_rows: list[dict[str, str]],
    mode: str | None,
    language: str,
    strings: dict[str, str],
    base_url: str,
) -> dict[str, Any]:
    """The bottom line: the tool's outcome for the most urgent level any fact reaches, every
    fact that reached it as a reason (with the answers that made it hold and its passage), the
    facts at less urgent levels, and for the least urgent outcome what was answered."""
    outcome = next(o for o in spec.outcomes if o.level == decision.level)
    lowest = spec.levels[-1].id
    plan = spec.tool.plan

    def answer_label(question: Question, answer: str) -> str:
        if question.kind == "choice":
            return spec.mode_answer_label(question, answer, mode)[language]
        return spec.item_label(next(i for i in question.items if i.id == answer))[language]

    def because(evidence: Evidence) -> dict[str, str]:
        if evidence.plan_state is not None:
            rows = ", ".join(plan.row[language].replace("{n}", str(n)) for n in evidence.plan_rows)
            text = strings[f"because-plan-{evidence.plan_state}"].replace("{rows}", rows)
            return {"text": text, "href": "#" + f"{spec.tool.id}-plan"}
        question = spec.question(evidence.question)
        asked = spec.question_text(question, mode)[language]
        href = f"#question-{question.id}"
        if evidence.answers == (UNANSWERED,):
            return {
                "text": strings["because-unanswered"].replace("{question}", asked),
                "href": href,
            }
        chosen = "; ".join(answer_label(question, answer) for answer in evidence.answers)
        if question.kind == "multiple":
            return {"text": strings["because-chosen"].replace("{items}", chosen), "href": href}
        text = strings["because-answer"].replace("{answer}", chosen).replace("{question}", asked)
        return {"text": text, "href": href}

    def reason(fact) -> dict[str, Any]:
        return {
            "id": fact.id,
            "text": fact.title[language],
            "covered": strings["covered"] if fact.id in decision.covered else None,
            "because": [because(each) for each in decision.evidence[fact.id]],
            "source": {
                "label": fact.ref.label[language],
                "url": base_url + page_url(fact.ref.target),
            },
        }

    levels = [level.id for level in spec.levels]
    reasons = [
        reason(fact)
        for fact in decision.facts
        if decision.effective_level(fact, lowest) == decision.level
    ]
    also = [
        {
            "level": level.id,
            "title": level.title[language],
            "reasons": [
                reason(fact)
                for fact in decision.facts
                if decision.effective_level(fact, lowest) == level.id
            ],
        }
        for level in spec.levels
        if levels.index(level.id) > levels.index(decision.level)
    ]
    confirmed = None
    if decision.level == lowest:
        # What was answered that could have raised the bottom line, and did not.
        raising = {
            question
            for signal in spec.signals
            if spec.fact(signal.fact).level != lowest
            for question in questions_in(signal.when)
        }
        confirmed = {
            "title": strings["confirmed"],
            "answers": [
                {
                    "id": question.id,
                    "text": spec.question_text(question, mode)[language],
                    "answer": answer_label(question, answers[question.id]),
                    "href": f"#question-{question.id}",
                }
                for question in decision.deciding
                if question.id in raising and question.id in answers
            ],
        }
    return {
        "id": outcome.id,
        "level": decision.level,
        "title": outcome.title[language],
        "reasons_title": strings["reasons"],
        "reasons": reasons,
        "also": [each for each in also if each["reasons"]],
        "confirmed": confirmed,
        "quote": (
            {"lead": strings["protocol-says"], "text": outcome.quote[language]}
            if outcome.quote
            else None
        ),
        "source": _source(spec, outcome.ref, language, base_url) if outcome.ref else None,
        "decide": {"text": strings["how-decided"], "url": base_url + page_url(DECIDE_PAGE)},
    }


def _source(spec: Spec, ref_id: str, language: str, base_url: str) -> dict[str, str]:
    reference = spec.references[ref_id]
    return {
        "ref": ref_id,
        "label": reference.label[language],
        "url": base_url + page_url(reference.target),
    }


_LOCAL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LOCAL_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")


def _date(year: str, month: str, day: str, strings: dict[str, str]) -> str | None:
    months = strings["months"].split()
    if not 1 <= int(month) <= len(months) or not 1 <= int(day) <= 31:
        return None
    return f"{int(day)} {months[int(month) - 1]} {year}"


def _date_time(value: str, strings: dict[str, str]) -> tuple[str, str] | None:
    found = _LOCAL_TIME.fullmatch(value)
    if not found:
        return None
    year, month, day, hour, minute = found.groups()
    date = _date(year, month, day, strings)
    return (date, f"{hour}:{minute}") if date else None


def _prepared(prepared_at: Any, strings: dict[str, str]) -> str | None:
    """'2026-12-02T09:05' -> 'Prepared on 2 December 2026 at 09:05.' (None if not given)."""
    when = _date_time(prepared_at, strings) if isinstance(prepared_at, str) else None
    if not when:
        return None
    return strings["prepared"].replace("{date}", when[0]).replace("{time}", when[1])


def _note_value(kind: str, value: str, strings: dict[str, str]) -> str:
    """A date or a date and time as the reader would write it; anything else as typed."""
    if kind == "datetime":
        when = _date_time(value, strings)
        if when:
            return strings["date-at-time"].replace("{date}", when[0]).replace("{time}", when[1])
    if kind == "date":
        found = _LOCAL_DATE.fullmatch(value)
        date = _date(*found.groups(), strings) if found else None
        if date:
            return date
    return value


def _plan_value(spec: Spec, column, value: str, language: str, strings: dict[str, str]) -> str:
    """A plan field as the reader would write it: an option's label, a date in words."""
    if column.kind == "choice":
        return spec.answer_label(column, value)[language]
    return _note_value(column.kind, value, strings)


def _plan(spec: Spec, rows: list[dict[str, str]], language: str, source) -> dict[str, Any] | None:
    plan = spec.tool.plan
    if plan is None:
        return None
    strings = {key: text[language] for key, text in spec.strings.items()}
    return {
        "title": plan.title[language],
        "none": plan.none[language],
        "source": source(plan.ref),
        "rows": [
            {
                "title": plan.row[language].replace("{n}", str(number)),
                "fields": [
                    {
                        "id": column.id,
                        "label": column.label[language],
                        "value": _plan_value(spec, column, row[column.id], language, strings),
                    }
                    for column in plan.fields
                    if column.id in row
                ],
            }
            for number, row in enumerate(rows, 1)
        ],
    }


def _answer_text(
    spec: Spec,
    question: Question,
    given: Any,
    strings: dict[str, str],
    language: str,
    mode: str | None = None,
) -> str:
    if given is None:
        return strings["not-answered" if question.kind == "choice" else "none-chosen"]
    if question.kind == "choice":
        return spec.mode_answer_label(question, given, mode)[language]
    chosen, led_in = [], set()
    for item in question.items:
        if item.id in given:
            text = spec.item_label(item)[language]
            if item.group is not None and item.group not in led_in:
                # The items read on from their lead-in, as in the protocol's nested list.
                led_in.add(item.group)
                text = f"{question.item_group(item.group).text[language]} {text}"
            chosen.append(text)
    return "; ".join(chosen)


def rule_applies(rule: Rule, answers: dict[str, Any]) -> bool:
    return holds(rule.when, answers)


def applied_rules(result: dict[str, Any]) -> list[str]:
    return [
        item["id"]
        for group in result["groups"]
        for item in group["items"]
        if item["kind"] == "rule"
    ]


def unanswered_questions(result: dict[str, Any]) -> list[str]:
    return [question["id"] for question in result["unanswered"]["questions"]]


def reason_facts(result: dict[str, Any]) -> list[str]:
    """The facts the bottom line lists as its reasons, in order."""
    return [reason["id"] for reason in result["outcome"]["reasons"]]


__all__ = ["UNANSWERED", "evaluate", "page_url"]
