"""The summary as text to copy or download: plain text, or Markdown."""

import re
from typing import Any

from mawwsb_tools.spec import Spec

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


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


def _lines(spec: Spec, result: dict[str, Any], markdown: bool) -> list[str]:
    language = result["language"]
    strings = {key: value[language] for key, value in spec.strings.items()}

    def heading(text: str, level: int) -> list[str]:
        if markdown:
            return ["#" * level + " " + text, ""]
        underline = "=" if level == 1 else "-"
        return [text, underline * len(text), ""]

    lines = [*heading(result["title"], 1), strings["generated"], ""]
    if "reminder" in result:
        lines += [result["reminder"], ""]
    if "mode" in result:
        lines += [f"{strings['mode']} {result['mode']}", ""]
    for group in result["groups"]:
        lines += heading(group["title"], 2)
        for item in group["items"]:
            lines.append(f"- {item['prompt']}")
            for point in item["points"]:
                lines.append(f"    - {point}")
            if item["quote"]:
                quoted = f'"{item["quote"]}"'
                # A rule quotes the protocol; other items quote a question or a description.
                said = f"{strings['protocol-says']} {quoted}" if "rule" in item else quoted
                lines.append(f"  {said}")
            lines.append(f"  {strings['source']} {_link(item['source'], markdown)}")
        lines.append("")
    if result["notes"]:
        lines += heading(strings["notes"], 2)
        lines += [
            f"- {note['label']}: {_user_text(note['value'], markdown, '  ')}"
            for note in result["notes"]
        ]
        lines.append("")
    if "plan" in result:
        plan = result["plan"]
        lines += heading(plan["title"], 2)
        for row in plan["rows"]:
            lines.append(f"- {row['title']}")
            lines += [
                f"    - {field['label']}: {_user_text(field['value'], markdown, '      ')}"
                for field in row["fields"]
            ]
        if not plan["rows"]:
            lines.append(f"- {plan['none']}")
        lines += [f"  {strings['source']} {_link(plan['source'], markdown)}", ""]
    lines += heading(strings["answers"], 2)
    section = None
    for answer in result["answers"]:
        if answer["section"] != section:
            section = answer["section"]
            lines += ["", *heading(section, 3)] if markdown else ["", f"{section}:"]
        lines.append(f"- {answer['text']} {answer['answer']}")
        if answer["note"]:
            lines.append(f"  {strings['note']} {_user_text(answer['note'], markdown, '  ')}")
    return lines


def as_text(spec: Spec, result: dict[str, Any]) -> str:
    return "\n".join(_lines(spec, result, markdown=False)).rstrip() + "\n"


def as_markdown(spec: Spec, result: dict[str, Any]) -> str:
    return "\n".join(_lines(spec, result, markdown=True)).rstrip() + "\n"
