"""The summary as text to copy or download, plain or Markdown: a layout of engine.evaluate()'s
result, in its order, adding nothing but layout. The record comes first (what goes into a case
record or to supervision); the full guidance and every answer follow, unless left out."""

import re
from typing import Any

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~=^$:\"'@%])")


def _user_text(text: str, markdown: bool, indent: str) -> str:
    """What the reader typed, never markup: in Markdown every punctuation mark is escaped, so
    nothing they wrote becomes a heading, a link or HTML in the agency's system."""
    if markdown:
        text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\n", "\n" + indent)


def _link(source: dict[str, str], markdown: bool) -> str:
    if markdown:
        return f"[{source['label']}]({source['url']})"
    return f"{source['label']} ({source['url']})"


def quoted(quote: dict[str, str]) -> str:
    """A quote as the reader sees it: 'The protocol says: “…”', or just '“…”'."""
    return f"{quote['lead']} “{quote['text']}”".strip()


def _heading(text: str, level: int, markdown: bool) -> list[str]:
    if markdown:
        return ["#" * level + " " + text, ""]
    underline = "=" if level == 1 else "-"
    return [text, underline * len(text), ""]


def _reasons(reasons: list[dict[str, Any]], source: str, markdown: bool) -> list[str]:
    lines = []
    for reason in reasons:
        covered = f" {reason['covered']}" if reason["covered"] else ""
        lines.append(f"- {reason['text']}{covered}")
        lines += [f"    - {because['text']}" for because in reason["because"]]
        lines.append(f"    - {source} {_link(reason['source'], markdown)}")
    return lines


def _record(result: dict[str, Any], markdown: bool) -> list[str]:
    labels = result["labels"]
    lines = [*_heading(result["title"], 1, markdown)]
    if result["prepared"]:
        lines += [result["prepared"], ""]
    lines += [result["generated"], ""]
    # The bottom line first, with its reasons; then what is still unanswered.
    outcome = result["outcome"]
    lines += _heading(f"{labels['outcome']}: {outcome['title']}", 2, markdown)
    if outcome["reasons"]:
        lines.append(outcome["reasons_title"])
        lines += _reasons(outcome["reasons"], labels["source"], markdown)
        lines.append("")
    for also in outcome["also"]:
        lines.append(f"{also['title']}:")
        lines += _reasons(also["reasons"], labels["source"], markdown)
        lines.append("")
    if outcome["confirmed"]:
        lines.append(outcome["confirmed"]["title"])
        lines += [f"- {each['text']} {each['answer']}" for each in outcome["confirmed"]["answers"]]
        lines.append("")
    if outcome["quote"]:
        quote = quoted(outcome["quote"])
        lines += [f"> {quote}" if markdown else quote, ""]
        lines += [f"{labels['source']} {_link(outcome['source'], markdown)}", ""]
    decide = outcome["decide"]
    lines += [_link({"label": decide["text"], "url": decide["url"]}, markdown), ""]
    unanswered = result["unanswered"]
    if unanswered["questions"]:
        lines += _heading(unanswered["title"], 2, markdown)
        lines += [f"- {question['text']}" for question in unanswered["questions"]]
        lines.append("")
    if result["reminder"]:
        lines += [result["reminder"], ""]
    if result["mode"]:
        lines += [f"{result['mode']['label']} {result['mode']['value']}", ""]
    notes = result["notes"]
    if notes["entries"]:
        lines += _heading(notes["title"], 2, markdown)
        lines += [
            f"- {note['label']}: {_user_text(note['value'], markdown, '  ')}"
            for note in notes["entries"]
        ]
        lines.append("")
    actions = result["actions"]
    if actions["groups"]:
        lines += _heading(actions["title"], 2, markdown)
        for group in actions["groups"]:
            lines.append(f"{group['title']}:")
            for item in group["items"]:
                lines.append(f"- {_prompt(item, labels, markdown)}")
            lines.append("")
    plan = result["plan"]
    if plan:
        lines += _heading(plan["title"], 2, markdown)
        for row in plan["rows"]:
            lines.append(f"- {row['title']}")
            lines += [
                f"    - {field['label']}: {_user_text(field['value'], markdown, '      ')}"
                for field in row["fields"]
            ]
        if not plan["rows"]:
            lines.append(f"- {plan['none']}")
        lines += [f"  {labels['source']} {_link(plan['source'], markdown)}", ""]
    assessment = result["assessment"]
    if assessment:
        lines += _heading(assessment["title"], 2, markdown)
        for entry in assessment["entries"]:
            lines.append(f"- {entry['text']} {entry['answer']}")
            if entry["note"]:
                lines.append(f"  {labels['note']} {_user_text(entry['note'], markdown, '  ')}")
        lines.append("")
    return lines


def _prompt(item: dict[str, Any], labels: dict[str, str], markdown: bool) -> str:
    prompt = item["prompt"]
    if item["warning"]:
        warning = labels["warning"]
        return f"**{warning}: {prompt}**" if markdown else f"{warning.upper()}: {prompt}"
    return prompt


def _guidance(result: dict[str, Any], markdown: bool) -> list[str]:
    labels = result["labels"]
    guidance = result["guidance"]
    lines = [*_heading(guidance["title"], 1, markdown), guidance["intro"], ""]
    for group in result["groups"]:
        lines += _heading(group["title"], 2, markdown)
        for item in group["items"]:
            prompt = _prompt(item, labels, markdown)
            if markdown:
                # Each part its own block, so that a Markdown reader never runs them together.
                lines += [f"- {prompt}", ""]
                lines += [f"    - {point}" for point in item["points"]]
                if item["points"]:
                    lines.append("")
                if item["quote"]:
                    lines += [f"    > {quoted(item['quote'])}", ""]
                lines += [f"    {labels['source']} {_link(item['source'], True)}", ""]
            else:
                lines.append(f"- {prompt}")
                lines += [f"    - {point}" for point in item["points"]]
                if item["quote"]:
                    lines.append(f"  {quoted(item['quote'])}")
                lines.append(f"  {labels['source']} {_link(item['source'], False)}")
        if not markdown:
            lines.append("")
    answers = result["answers"]
    lines += _heading(answers["title"], 2, markdown)
    for section in answers["sections"]:
        lines += (
            ["", *_heading(section["title"], 3, markdown)]
            if markdown
            else [
                "",
                f"{section['title']}:",
            ]
        )
        for answer in section["entries"]:
            lines.append(f"- {answer['text']} {answer['answer']}")
            if answer["note"]:
                lines.append(f"  {labels['note']} {_user_text(answer['note'], markdown, '  ')}")
    return lines


def _lines(result: dict[str, Any], markdown: bool, full: bool) -> list[str]:
    lines = _record(result, markdown)
    if full:
        lines += (
            ["", "---", "", *_guidance(result, markdown)]
            if markdown
            else [
                "",
                "=" * 40,
                "",
                *_guidance(result, markdown),
            ]
        )
    return lines


def as_text(result: dict[str, Any], full: bool = True) -> str:
    return "\n".join(_lines(result, markdown=False, full=full)).rstrip() + "\n"


def as_markdown(result: dict[str, Any], full: bool = True) -> str:
    return "\n".join(_lines(result, markdown=True, full=full)).rstrip() + "\n"
