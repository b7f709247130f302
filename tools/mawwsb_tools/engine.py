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


def _clean_texts(values: Any, ids: list[str]) -> dict[str, str]:
    if not isinstance(values, dict):
        return {}
    return {
        key: values[key].strip()
        for key in ids
        if isinstance(values.get(key), str) and values[key].strip()
    }


def active_questions(spec: Spec, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions that count: in a tool with modes, those of the chosen mode's sections."""
    mode = answers.get(spec.tool.get("mode_question", ""))
    inactive = {s["id"] for s in spec.sections if "mode" in s and mode and s["mode"] != mode}
    return [q for q in spec.questions if q["section"] not in inactive]


def _clean_plan(spec: Spec, rows: Any) -> list[dict[str, str]]:
    """Action-plan rows with at least one field filled in; unknown fields and values dropped."""
    plan = spec.tool.get("plan")
    if not plan or not isinstance(rows, list):
        return []
    clean = []
    for row in rows:
        values = _clean_texts(row, [column["id"] for column in plan["fields"]])
        for column in plan["fields"]:
            if column["kind"] == "choice" and values.get(column["id"]) not in column["options"]:
                values.pop(column["id"], None)
        if values:
            clean.append(values)
    return clean


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
    spec: Spec,
    answers: Any,
    language: str,
    notes: Any = None,
    base_url: str = "",
    plan: Any = None,
) -> dict[str, Any]:
    """The summary for these answers, in one language, as plain data (JSON-ready).

    `notes` holds free text by note id (and by question id, for questions `with_note`); `plan`
    is a list of action-plan rows; `base_url` is the address of the site's home in this
    language, below which sources link.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    answers = _clean_answers(spec, answers)
    questions = active_questions(spec, answers)
    answers = {q["id"]: answers[q["id"]] for q in questions if q["id"] in answers}
    notes = _clean_texts(
        notes,
        [n["id"] for n in spec.notes] + [q["id"] for q in questions if q.get("with_note")],
    )
    plan_rows = _clean_plan(spec, plan)
    section_titles = {s["id"]: s["title"][language] for s in spec.sections}

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
        for question in questions:
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
    result = {
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
                "section": section_titles[question["section"]],
                "text": question["text"][language],
                "answer": _answer_text(spec, question, answers.get(question["id"]), language),
                "note": notes.get(question["id"], ""),
            }
            for question in questions
        ],
        "notes": [
            {"id": note["id"], "label": note["label"][language], "value": notes[note["id"]]}
            for note in spec.notes
            if note["id"] in notes
        ],
    }
    if "reminder" in spec.tool:
        result["reminder"] = spec.tool["reminder"][language]
    if "mode_question" in spec.tool and spec.tool["mode_question"] in answers:
        result["mode"] = spec.options[answers[spec.tool["mode_question"]]][language]
    if "plan" in spec.tool:
        plan = spec.tool["plan"]
        result["plan"] = {
            "title": plan["title"][language],
            "none": plan["none"][language],
            "source": source(plan["ref"]),
            "rows": [
                {
                    "title": plan["row"][language].replace("{n}", str(number)),
                    "fields": [
                        {
                            "label": column["label"][language],
                            "value": spec.options[row[column["id"]]][language]
                            if column["kind"] == "choice"
                            else row[column["id"]],
                        }
                        for column in plan["fields"]
                        if column["id"] in row
                    ],
                }
                for number, row in enumerate(plan_rows, 1)
            ],
        }
    return result


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
