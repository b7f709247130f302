"""Answers -> summary: which of the spec's prompts apply, grouped by urgency, with sources."""

from typing import Any

from mawwsb_tools.spec import LANGUAGES, Spec


def page_url(target: str) -> str:
    """'appendices/x.md#anchor' -> 'appendices/x/#anchor' (the site's directory URLs)."""
    page, _, anchor = target.partition("#")
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return f"{path}#{anchor}" if anchor else path


def _clean_answers(spec: Spec, answers: Any) -> dict[str, str]:
    """Only known questions with one of their own options count; anything else is unanswered."""
    if not isinstance(answers, dict):
        return {}
    return {
        q["id"]: answers[q["id"]]
        for q in spec.questions
        if isinstance(answers.get(q["id"]), str) and answers[q["id"]] in q["options"]
    }


def _clean_notes(spec: Spec, notes: Any) -> dict[str, str]:
    if not isinstance(notes, dict):
        return {}
    return {
        n["id"]: notes[n["id"]].strip()
        for n in spec.notes
        if isinstance(notes.get(n["id"]), str) and notes[n["id"]].strip()
    }


def rule_applies(rule: dict[str, Any], answers: dict[str, str]) -> bool:
    when = rule["when"]
    return when == "always" or answers.get(when["question"]) in when["answers"]


def evaluate(
    spec: Spec, answers: Any, language: str, notes: Any = None, base_url: str = ""
) -> dict[str, Any]:
    """The summary for these answers, in one language, as plain data (JSON-ready).

    `base_url` is the address of the site's home in this language; sources link below it.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    answers = _clean_answers(spec, answers)
    notes = _clean_notes(spec, notes)

    def source(ref_id: str) -> dict[str, str]:
        reference = spec.references[ref_id]
        return {
            "label": reference["label"][language],
            "url": base_url + page_url(reference["target"]),
        }

    items: dict[str, list[dict[str, Any]]] = {group["id"]: [] for group in spec.groups}
    for rule in spec.rules:
        if rule_applies(rule, answers):
            items[rule["group"]].append(
                {
                    "rule": rule["id"],
                    "prompt": rule["prompt"][language],
                    "quote": rule.get("quote", {}).get(language, ""),
                    "points": rule.get("points", {}).get(language, []),
                    "source": source(rule["ref"]),
                }
            )
    for question in spec.questions:
        if question["id"] not in answers:
            items[spec.tool["unanswered_group"]].append(
                {
                    "question": question["id"],
                    "prompt": spec.strings["answer-this"][language],
                    "quote": question["text"][language],
                    "points": [],
                    "source": source(question["ref"]),
                }
            )
    not_answered = spec.strings["not-answered"][language]
    return {
        "tool": spec.tool["id"],
        "language": language,
        "title": spec.tool["title"][language],
        "groups": [
            {"id": group["id"], "title": group["title"][language], "items": items[group["id"]]}
            for group in spec.groups
            if items[group["id"]]
        ],
        "answers": [
            {
                "question": question["id"],
                "text": question["text"][language],
                "answer": spec.options[answers[question["id"]]][language]
                if question["id"] in answers
                else not_answered,
            }
            for question in spec.questions
        ],
        "notes": [
            {"id": note["id"], "label": note["label"][language], "value": notes[note["id"]]}
            for note in spec.notes
            if note["id"] in notes
        ],
    }


def applied_rules(result: dict[str, Any]) -> list[str]:
    return [item["rule"] for group in result["groups"] for item in group["items"] if "rule" in item]


def unanswered_questions(result: dict[str, Any]) -> list[str]:
    return [
        item["question"]
        for group in result["groups"]
        for item in group["items"]
        if "question" in item
    ]
