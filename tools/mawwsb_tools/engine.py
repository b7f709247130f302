"""Answers -> the summary: which of the spec's prompts apply, grouped by urgency, with sources.

`evaluate()` computes the whole result, in one language, as plain data: every heading, prompt,
quote, source, answer and label the reader will see, in the order they will see it. The text and
Markdown copies (summary.py) and the page's script (tools.js) only lay that result out; none of
them decides anything, so what Python computes is what the reader gets.
"""

import re
from typing import Any

from mawwsb_tools.model import LANGUAGES, AllOf, AnyOf, Condition, NoneOf, Question, Rule, Spec


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


# A condition's answer that matches a question left unanswered.
UNANSWERED = "unanswered"


def _condition_holds(when: Condition, answers: dict[str, Any]) -> bool:
    if when.question not in answers:
        return UNANSWERED in when.answers
    given = answers.get(when.question)
    chosen = given if isinstance(given, list) else [given]
    return any(answer in when.answers for answer in chosen)


def holds(when: Any, answers: dict[str, Any]) -> bool:
    """Whether a rule's `when` holds: "always", a condition, or all / any / none of others."""
    if when == "always":
        return True
    if isinstance(when, Condition):
        return _condition_holds(when, answers)
    if isinstance(when, AllOf):
        return all(holds(part, answers) for part in when.all)
    if isinstance(when, NoneOf):
        return not any(holds(part, answers) for part in when.none)
    parts = when.any if isinstance(when, AnyOf) else when  # a plain list is "any of"
    return any(holds(part, answers) for part in parts)


def rule_applies(rule: Rule, answers: dict[str, Any]) -> bool:
    return holds(rule.when, answers)


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
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    strings = {key: text[language] for key, text in spec.strings.items()}
    answers = _clean_answers(spec, answers)
    questions = active_questions(spec, answers)
    answers = {q.id: answers[q.id] for q in questions if q.id in answers}
    notes = _clean_texts(
        notes, [n.id for n in spec.notes] + [q.id for q in questions if q.with_note]
    )

    def source(ref_id: str) -> dict[str, str]:
        reference = spec.references[ref_id]
        return {
            "ref": ref_id,
            "label": reference.label[language],
            "url": base_url + page_url(reference.target),
        }

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
    applied = [rule for rule in spec.rules if rule_applies(rule, answers)]
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
                        item.text[language],
                        description,
                        ref=item.ref or question.ref,
                    )
                )
    for rule in applied:
        items[rule.group].append(
            entry(
                "rule",
                rule.id,
                rule.prompt[language],
                rule.quote[language] if rule.quote else None,
                strings["protocol-says"],
                rule.points[language] if rule.points else (),
                rule.ref,
                rule.warning,
            )
        )
    sections = []
    for section in spec.sections:
        entries = [
            {
                "question": question.id,
                "text": question.text[language],
                "answer": _answer_text(spec, question, answers.get(question.id), strings, language),
                "note": notes.get(question.id, ""),
            }
            for question in questions
            if question.section == section.id
        ]
        if entries:
            sections.append(
                {"id": section.id, "title": section.title[language], "entries": entries}
            )
    result: dict[str, Any] = {
        "tool": spec.tool.id,
        "language": language,
        "title": spec.tool.title[language],
        "generated": strings["generated"],
        "prepared": _prepared(prepared_at, strings),
        "outcome": _outcome(spec, applied, language, strings, source),
        "unanswered": {
            "title": strings["unanswered"],
            "questions": [
                {"id": q.id, "text": q.text[language], "href": f"#question-{q.id}"}
                for q in questions
                if q.kind == "choice" and q.id not in answers
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
        "groups": [
            {
                "id": group.id,
                "urgency": group.urgency,
                "title": group.title[language],
                "items": items[group.id],
            }
            for group in spec.groups
            if items[group.id]
        ],
        "plan": _plan(spec, plan, language, source),
        "answers": {"title": strings["answers"], "sections": sections},
    }
    mode_question = spec.tool.mode_question
    if mode_question is not None and mode_question in answers:
        result["mode"] = {
            "label": strings["mode"],
            "value": spec.answer_label(spec.question(mode_question), answers[mode_question])[
                language
            ],
        }
    return result


def _outcome(spec: Spec, applied: list[Rule], language: str, strings, source) -> dict[str, Any]:
    """The bottom line: the most urgent outcome an applied rule names, or the spec's last, with
    the prompts of the rules that named it as its reasons."""
    named = {rule.outcome for rule in applied}
    outcome = next((o for o in spec.outcomes if o.id in named), spec.outcomes[-1])
    return {
        "id": outcome.id,
        "title": outcome.title[language],
        "reasons_title": strings["reasons"],
        "reasons": [
            {"id": rule.id, "prompt": rule.prompt[language], "href": f"#summary-rule-{rule.id}"}
            for rule in applied
            if rule.outcome == outcome.id
        ],
        "quote": (
            {"lead": strings["protocol-says"], "text": outcome.quote[language]}
            if outcome.quote
            else None
        ),
        "source": source(outcome.ref) if outcome.ref else None,
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


def _plan(spec: Spec, rows: Any, language: str, source) -> dict[str, Any] | None:
    plan = spec.tool.plan
    if plan is None:
        return None
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
                        "value": spec.answer_label(column, row[column.id])[language]
                        if column.kind == "choice"
                        else row[column.id],
                    }
                    for column in plan.fields
                    if column.id in row
                ],
            }
            for number, row in enumerate(_clean_plan(spec, rows), 1)
        ],
    }


def _answer_text(
    spec: Spec, question: Question, given: Any, strings: dict[str, str], language: str
) -> str:
    if given is None:
        return strings["not-answered" if question.kind == "choice" else "none-chosen"]
    if question.kind == "choice":
        return spec.answer_label(question, given)[language]
    chosen, led_in = [], set()
    for item in question.items:
        if item.id in given:
            text = item.text[language]
            if item.group is not None and item.group not in led_in:
                # The items read on from their lead-in, as in the protocol's nested list.
                led_in.add(item.group)
                text = f"{question.item_group(item.group).text[language]} {text}"
            chosen.append(text)
    return "; ".join(chosen)


def applied_rules(result: dict[str, Any]) -> list[str]:
    return [
        item["id"]
        for group in result["groups"]
        for item in group["items"]
        if item["kind"] == "rule"
    ]


def unanswered_questions(result: dict[str, Any]) -> list[str]:
    return [question["id"] for question in result["unanswered"]["questions"]]
