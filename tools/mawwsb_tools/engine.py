"""Answers -> summary: which of the spec's prompts apply, grouped by urgency, with sources."""

from typing import Any

from mawwsb_tools.spec import LANGUAGES, Spec


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
        given = answers.get(question["id"])
        if question["kind"] == "choice":
            if isinstance(given, str) and given in question["options"]:
                clean[question["id"]] = given
        elif isinstance(given, list):
            chosen = {each for each in given if isinstance(each, str)}
            selected = [item["id"] for item in question["items"] if item["id"] in chosen]
            if selected:
                clean[question["id"]] = selected
    return clean


def _clean_notes(spec: Spec, notes: Any) -> dict[str, str]:
    if not isinstance(notes, dict):
        return {}
    return {
        n["id"]: notes[n["id"]].strip()
        for n in spec.notes
        if isinstance(notes.get(n["id"]), str) and notes[n["id"]].strip()
    }


def _condition_holds(when: dict[str, Any], answers: dict[str, Any]) -> bool:
    given = answers.get(when["question"])
    chosen = given if isinstance(given, list) else [given]
    return any(answer in when["answers"] for answer in chosen)


def rule_applies(rule: dict[str, Any], answers: dict[str, Any]) -> bool:
    when = rule["when"]
    if when == "always":
        return True
    conditions = when if isinstance(when, list) else [when]
    return any(_condition_holds(condition, answers) for condition in conditions)


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
    # What the reader chose, each with the protocol's description (their own reflection).
    for listing in spec.tool.get("list_selected", []):
        question = spec.question(listing["question"])
        for item in question["items"]:
            if item["id"] in answers.get(question["id"], []):
                items[listing["group"]].append(
                    {
                        "selected": item["id"],
                        "prompt": item["text"][language],
                        "quote": item.get("description", {}).get(language, ""),
                        "points": [],
                        "source": source(item.get("ref", question["ref"])),
                    }
                )
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
    if "unanswered_group" in spec.tool:
        for question in spec.questions:
            if question["kind"] == "choice" and question["id"] not in answers:
                items[spec.tool["unanswered_group"]].append(
                    {
                        "question": question["id"],
                        "prompt": spec.strings["answer-this"][language],
                        "quote": question["text"][language],
                        "points": [],
                        "source": source(question["ref"]),
                    }
                )
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
                "answer": _answer_text(spec, question, answers.get(question["id"]), language),
            }
            for question in spec.questions
        ],
        "notes": [
            {"id": note["id"], "label": note["label"][language], "value": notes[note["id"]]}
            for note in spec.notes
            if note["id"] in notes
        ],
    }


def _answer_text(spec: Spec, question: dict[str, Any], given: Any, language: str) -> str:
    if given is None:
        key = "not-answered" if question["kind"] == "choice" else "none-chosen"
        return spec.strings[key][language]
    if question["kind"] == "choice":
        return spec.options[given][language]
    return "; ".join(item["text"][language] for item in question["items"] if item["id"] in given)


def applied_rules(result: dict[str, Any]) -> list[str]:
    return [item["rule"] for group in result["groups"] for item in group["items"] if "rule" in item]


def unanswered_questions(result: dict[str, Any]) -> list[str]:
    return [
        item["question"]
        for group in result["groups"]
        for item in group["items"]
        if "question" in item
    ]
