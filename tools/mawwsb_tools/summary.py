"""The summary as text to copy or download, plain or Markdown: a layout of engine.evaluate()'s
result, in its order, adding nothing but layout."""

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


def _lines(result: dict[str, Any], markdown: bool) -> list[str]:
    labels = result["labels"]

    def heading(text: str, level: int) -> list[str]:
        if markdown:
            return ["#" * level + " " + text, ""]
        underline = "=" if level == 1 else "-"
        return [text, underline * len(text), ""]

    lines = [*heading(result["title"], 1)]
    if result["prepared"]:
        lines += [result["prepared"], ""]
    lines += [result["generated"], ""]
    # The bottom line first, then what is still unanswered: the urgent before the rest.
    outcome = result["outcome"]
    lines += heading(f"{labels['outcome']}: {outcome['title']}", 2)
    if outcome["reasons"]:
        lines.append(outcome["reasons_title"])
        lines += [f"- {reason['prompt']}" for reason in outcome["reasons"]]
        lines.append("")
    if outcome["quote"]:
        quote = quoted(outcome["quote"])
        lines += [f"> {quote}" if markdown else quote, ""]
        lines += [f"{labels['source']} {_link(outcome['source'], markdown)}", ""]
    unanswered = result["unanswered"]
    if unanswered["questions"]:
        lines += heading(unanswered["title"], 2)
        lines += [f"- {question['text']}" for question in unanswered["questions"]]
        lines.append("")
    if result["reminder"]:
        lines += [result["reminder"], ""]
    if result["mode"]:
        lines += [f"{result['mode']['label']} {result['mode']['value']}", ""]
    notes = result["notes"]
    if notes["entries"]:
        lines += heading(notes["title"], 2)
        lines += [
            f"- {note['label']}: {_user_text(note['value'], markdown, '  ')}"
            for note in notes["entries"]
        ]
        lines.append("")
    for group in result["groups"]:
        lines += heading(group["title"], 2)
        for item in group["items"]:
            prompt = item["prompt"]
            if item["warning"]:
                warning = labels["warning"]
                prompt = f"**{warning}: {prompt}**" if markdown else f"{warning.upper()}: {prompt}"
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
    plan = result["plan"]
    if plan:
        lines += heading(plan["title"], 2)
        for row in plan["rows"]:
            lines.append(f"- {row['title']}")
            lines += [
                f"    - {field['label']}: {_user_text(field['value'], markdown, '      ')}"
                for field in row["fields"]
            ]
        if not plan["rows"]:
            lines.append(f"- {plan['none']}")
        lines += [f"  {labels['source']} {_link(plan['source'], markdown)}", ""]
    answers = result["answers"]
    lines += heading(answers["title"], 2)
    for section in answers["sections"]:
        lines += ["", *heading(section["title"], 3)] if markdown else ["", f"{section['title']}:"]
        for answer in section["entries"]:
            lines.append(f"- {answer['text']} {answer['answer']}")
            if answer["note"]:
                lines.append(f"  {labels['note']} {_user_text(answer['note'], markdown, '  ')}")
    return lines


def as_text(result: dict[str, Any]) -> str:
    return "\n".join(_lines(result, markdown=False)).rstrip() + "\n"


def as_markdown(result: dict[str, Any]) -> str:
    return "\n".join(_lines(result, markdown=True)).rstrip() + "\n"
