"""A tool as a complete HTML form, rendered at build time from its spec, in the page's language.

The form works without JavaScript or Pyodide: it can be filled in and printed, and every piece
of guidance the tool can give is listed with the answers it applies to. In the browser,
tools.js and Python in a Web Worker add the personal summary.
"""

import sys
from pathlib import Path

from macros.rendering import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from mawwsb_tools.engine import page_url  # noqa: E402
from mawwsb_tools.spec import anchors_in_docs, load_spec  # noqa: E402

# Strings tools.js needs; the script carries no language of its own.
SCRIPT_STRINGS = (
    "preparing",
    "ready",
    "engine-failed",
    "copied",
    "copy-failed",
    "cleared",
    "leave-warning",
    "summary-ready",
    "protocol-says",
    "source",
    "answers",
    "notes",
    "not-answered",
    "note",
    "mode",
)


def _root(page_url_path: str, language_root: str) -> str:
    """Relative path from a page to its language's home ('../../' for 'tools/x/')."""
    path = page_url_path.removeprefix(language_root)
    return "../" * path.count("/") or "./"


def tool_spec(tool_id: str):
    return load_spec(tool_id, anchors_in_docs(ROOT / "docs"))


def tool_title(tool_id: str, language: str) -> str:
    # The tool's page validates its references; a title alone need not scan the protocol again.
    return load_spec(tool_id).tool["title"][language]


def plan_view(spec, language: str, source) -> dict | None:
    plan = spec.tool.get("plan")
    if not plan:
        return None
    text = {
        key: plan[key][language] for key in ("title", "row", "add", "remove", "added", "removed")
    }
    return {
        **text,
        "rows": plan["rows"],
        "source": source(plan["ref"]),
        "fields": [
            {
                "id": column["id"],
                "label": column["label"][language],
                "kind": column["kind"],
                "options": [(o, spec.options[o][language]) for o in column.get("options", [])],
            }
            for column in plan["fields"]
        ],
    }


def render_tool_form(tool_id: str, language: str, page_url_path: str, language_root: str) -> str:
    spec = tool_spec(tool_id)
    root = _root(page_url_path, language_root)
    strings = {key: value[language] for key, value in spec.strings.items()}

    def source(ref_id: str) -> dict[str, str]:
        reference = spec.references[ref_id]
        return {"label": reference["label"][language], "href": root + page_url(reference["target"])}

    def answer_label(question: dict, answer: str) -> str:
        if question["kind"] == "choice":
            return spec.options[answer][language]
        return next(i["text"][language] for i in question["items"] if i["id"] == answer)

    def applies_when(when) -> str:
        if when == "always":
            return strings["always"]
        parts = []
        for condition in when if isinstance(when, list) else [when]:
            question = spec.question(condition["question"])
            answers = " / ".join(answer_label(question, a) for a in condition["answers"])
            parts.append(f"“{answers}”: {question['text'][language]}")
        return f"{strings['applies-when']} " + " · ".join(parts)

    def question_view(question: dict) -> dict:
        view = {
            "id": question["id"],
            "text": question["text"][language],
            "kind": question["kind"],
            "with_note": question.get("with_note", False),
        }
        if question["kind"] == "choice":
            view["options"] = [(o, spec.options[o][language]) for o in question["options"]]
        else:
            view["items"] = [
                {
                    "id": item["id"],
                    "text": item["text"][language],
                    "description": item.get("description", {}).get(language, ""),
                }
                for item in question["items"]
            ]
        return view

    sections = [
        {
            "id": section["id"],
            "title": section["title"][language],
            "mode": section.get("mode", ""),
            "source": source(section["ref"]) if "ref" in section else None,
            "questions": [
                question_view(question)
                for question in spec.questions
                if question["section"] == section["id"]
            ],
        }
        for section in spec.sections
    ]
    guidance = []
    for group in spec.groups:
        rules = []
        for rule in (r for r in spec.rules if r["group"] == group["id"]):
            applies = applies_when(rule["when"])
            rules.append(
                {
                    "prompt": rule["prompt"][language],
                    "quote": rule.get("quote", {}).get(language, ""),
                    "points": rule.get("points", {}).get(language, []),
                    "applies": applies,
                    "source": source(rule["ref"]),
                }
            )
        if rules:
            guidance.append({"id": group["id"], "title": group["title"][language], "rules": rules})
    return render(
        "tool.html",
        tool=spec.tool["id"],
        language=language,
        root=root,
        intro=spec.tool["intro"][language],
        strings=strings,
        script_strings={key: strings[key] for key in SCRIPT_STRINGS},
        sections=sections,
        notes=[
            {
                "id": note["id"],
                "label": note["label"][language],
                "hint": note["hint"][language],
                "multiline": note.get("multiline", False),
                "kind": note["kind"],
            }
            for note in spec.notes
        ],
        mode_question=spec.tool.get("mode_question", ""),
        plan=plan_view(spec, language, source),
        guidance=guidance,
    )
