"""A tool as a complete HTML form, rendered at build time from its spec, in the page's language.

The form works without JavaScript or Pyodide: it can be filled in and printed, and every piece
of guidance the tool can give is listed with the answers it applies to. In the browser,
tools.js and Python in a Web Worker add the personal summary.
"""

import itertools
import posixpath
import sys
from pathlib import Path

from macros.rendering import relative_home, render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from mawwsb_tools.engine import UNANSWERED, page_url  # noqa: E402
from mawwsb_tools.model import (  # noqa: E402
    AllOf,
    AnyOf,
    Condition,
    FactCondition,
    NoneOf,
    PlanCondition,
    Question,
    Spec,
    questions_in,
)
from mawwsb_tools.spec import anchors_in_docs, load_spec, tool_ids  # noqa: E402

# Where the tools' pages are, below docs/ (hooks/tool_pages.py generates them from the specs).
TOOLS_DIR = "tools"
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
    "loading",
    "stalled",
    "blocked",
    "framed",
    "open-section",
    "warning",
    "step-of",
    "continue",
    "back",
    "check-answers",
    "check-answers-intro",
    "change",
    "back-to-check",
    "not-answered",
    "none-chosen",
    "note",
)


def tool_spec(tool_id: str) -> Spec:
    return load_spec(tool_id, anchors_in_docs(ROOT / "docs"))


def tool_title(tool_id: str, language: str) -> str:
    # The tool's page checks its references; a title alone need not scan the protocol again.
    return load_spec(tool_id).tool.title[language]


def tool_list(language: str, page_src_uri: str, with_summaries: bool) -> str:
    """Every tool, from its spec, as a Markdown list of links (the Tools page, the home page)."""
    lines = []
    here = posixpath.dirname(page_src_uri) or "."
    for tool_id in tool_ids():
        tool = load_spec(tool_id).tool
        target = posixpath.relpath(f"{TOOLS_DIR}/{tool_id}.md", here)
        link = f"- [{tool.title[language]}]({target})"
        lines.append(f"{link}: {tool.summary[language]}" if with_summaries else link)
    return "\n".join(lines)


def tool_item(tool_id: str, language: str, page_src_uri: str) -> str:
    """A list item linking to one tool, or nothing if the tool has no spec (so that a page may
    point to a tool and still build when the tool is deleted)."""
    if tool_id not in tool_ids():
        return ""
    here = posixpath.dirname(page_src_uri) or "."
    target = posixpath.relpath(f"{TOOLS_DIR}/{tool_id}.md", here)
    return f"- [{load_spec(tool_id).tool.title[language]}]({target})"


def plan_view(spec: Spec, language: str, source) -> dict | None:
    plan = spec.tool.plan
    if plan is None:
        return None
    text = {
        key: getattr(plan, key)[language]
        for key in ("title", "row", "add", "remove", "added", "removed")
    }
    return {
        **text,
        "rows": plan.rows,
        "source": source(plan.ref),
        "fields": [
            {
                "id": column.id,
                "label": column.label[language],
                "kind": column.kind,
                "options": [(o, spec.answer_label(column, o)[language]) for o in column.options],
            }
            for column in plan.fields
        ],
    }


def render_tool_form(tool_id: str, language: str, page_url_path: str, language_root: str) -> str:
    spec = tool_spec(tool_id)
    root = relative_home(page_url_path, language_root)
    strings = {key: value[language] for key, value in spec.strings.items()}

    def source(ref_id: str) -> dict[str, str]:
        reference = spec.references[ref_id]
        return {
            "ref": ref_id,
            "target": reference.target,  # the build puts the protocol's words here (passages.py)
            "label": reference.label[language],
            "href": root + page_url(reference.target),
        }

    def condition_text(when) -> str:
        return describe_when(spec, when, language)

    def applies_when(when) -> str:
        if when == "always":
            return strings["always"]
        return f"{strings['applies-when']} {condition_text(when)}"

    read_by_rules = set().union(*(questions_in(rule.when) for rule in spec.rules))

    def question_view(question: Question) -> dict:
        modes = {
            mode: {
                "text": put.text[language],
                "options": {
                    o: spec.mode_answer_label(question, o, mode)[language] for o in question.options
                },
            }
            for mode, put in question.mode_text.items()
        }
        mode_option = spec.question(spec.tool.mode_question) if spec.tool.mode_question else None
        return {
            "id": question.id,
            "text": question.text[language],
            "kind": question.kind,
            "with_note": question.with_note,
            "note_label": (
                question.note_label[language] if question.note_label else strings["your-note"]
            ),
            "reflection": question.reflection,
            # Its answer adds guidance, though it never changes the bottom line.
            "reflection_hint": strings[
                "reflection-guidance" if question.id in read_by_rules else "reflection-only"
            ],
            "own_words": question.own_words,
            # The question as put in another mode ("Is the worker…?"), swapped in by tools.js;
            # without JavaScript it shows under the question, with who it is for.
            "modes": [
                {
                    "mode": mode,
                    "who": spec.answer_label(mode_option, mode)[language] if mode_option else "",
                    "text": view["text"],
                }
                for mode, view in modes.items()
            ],
            "mode_texts": {mode: view["text"] for mode, view in modes.items()},
            "mode_options": {
                o: {mode: view["options"][o] for mode, view in modes.items()}
                for o in question.options
            },
            "options": [(o, spec.answer_label(question, o)[language]) for o in question.options],
            "items": [item_view(item) for item in question.items],
            # Items in the order written, those of an item group under its lead-in.
            "blocks": [
                {
                    "lead_in": question.item_group(group).text[language] if group else "",
                    "items": [item_view(item) for item in items],
                }
                for group, items in itertools.groupby(question.items, lambda item: item.group)
            ],
        }

    def item_view(item) -> dict:
        return {
            "id": item.id,
            "text": spec.item_label(item)[language],
            "description": item.description[language] if item.description else "",
        }

    sections = [
        {
            "id": section.id,
            "title": section.title[language],
            "mode": section.mode or "",
            "source": source(section.ref) if section.ref else None,
            "questions": [
                question_view(question)
                for question in spec.questions
                if question.section == section.id
            ],
        }
        for section in spec.sections
    ]
    guidance = []
    for group in spec.groups:
        rules = [
            {
                "prompt": rule.prompt[language],
                "mode_prompts": [
                    {
                        "who": spec.answer_label(spec.question(spec.tool.mode_question), mode)[
                            language
                        ],
                        "prompt": prompt[language],
                    }
                    for mode, prompt in rule.mode_prompt.items()
                ],
                "quote": rule.quote[language] if rule.quote else "",
                "points": rule.points[language] if rule.points else (),
                "applies": applies_when(rule.when),
                "warning": rule.warning,
                "source": source(rule.ref),
            }
            for rule in spec.rules
            if rule.group == group.id
        ]
        if rules:
            guidance.append(
                {
                    "id": group.id,
                    "urgency": group.urgency,
                    "title": group.title[language],
                    "rules": rules,
                }
            )
    return render(
        "tool.html",
        tool=spec.tool.id,
        language=language,
        file_name=spec.tool.file_name[language],
        root=root,
        intro=spec.tool.intro[language],
        strings=strings,
        script_strings={key: strings[key] for key in SCRIPT_STRINGS},
        sections=sections,
        notes=[
            {
                "id": note.id,
                "label": note.label[language],
                "hint": note.hint[language],
                "multiline": note.multiline,
                "kind": note.kind,
            }
            for note in spec.notes
        ],
        mode_question=spec.tool.mode_question or "",
        steps=spec.tool.steps,
        plan=plan_view(spec, language, source),
        guidance=guidance,
    )


def describe_when(spec: Spec, when, language: str, nested: bool = False) -> str:
    """A condition in words, as the form and "How the tools decide" show it: “Yes”: question ·
    and “No”: question; a fact by its statement; nested combinations in brackets."""
    strings = {key: value[language] for key, value in spec.strings.items()}

    def answer_label(question: Question, answer: str) -> str:
        if answer == UNANSWERED:
            return strings["not-answered"]
        if question.kind == "choice":
            return spec.answer_label(question, answer)[language]
        return spec.item_label(next(i for i in question.items if i.id == answer))[language]

    if isinstance(when, Condition):
        question = spec.question(when.question)
        answers = " / ".join(answer_label(question, a) for a in when.answers)
        return f"“{answers}”: {question.text[language]}"
    if isinstance(when, FactCondition):
        joiner = f" · {strings['applies-or']} "
        text = joiner.join(spec.fact(fact).title[language] for fact in when.facts)
        return f"({text})" if nested and len(when.facts) > 1 else text
    if isinstance(when, PlanCondition):
        joiner = f" · {strings['applies-or']} "
        return joiner.join(strings[f"plan-state-{state}"] for state in when.plan)
    if isinstance(when, NoneOf):
        inner = f" · {strings['applies-or']} ".join(
            describe_when(spec, part, language, True) for part in when.none
        )
        return f"{strings['applies-not']} {inner}"
    if isinstance(when, AllOf):
        joiner, parts = strings["applies-and"], when.all
    else:
        joiner, parts = strings["applies-or"], when.any if isinstance(when, AnyOf) else when
    text = f" · {joiner} ".join(describe_when(spec, part, language, True) for part in parts)
    return f"({text})" if nested and len(parts) > 1 else text
