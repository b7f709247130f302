"""The summary as text to copy or download: plain text, or Markdown."""

from typing import Any

from mawwsb_tools.spec import Spec


def _lines(spec: Spec, result: dict[str, Any], markdown: bool) -> list[str]:
    language = result["language"]
    strings = {key: value[language] for key, value in spec.strings.items()}

    def heading(text: str, level: int) -> list[str]:
        if markdown:
            return ["#" * level + " " + text, ""]
        underline = "=" if level == 1 else "-"
        return [text, underline * len(text), ""]

    lines = [*heading(result["title"], 1), strings["generated"], ""]
    for group in result["groups"]:
        lines += heading(group["title"], 2)
        for item in group["items"]:
            lines.append(f"- {item['prompt']}")
            for point in item["points"]:
                lines.append(f"    - {point}")
            if item["quote"]:
                prefix = strings["protocol-says"] if "rule" in item else ""
                lines.append(f'  {prefix} "{item["quote"]}"'.replace("   ", "  ", 1))
            source = item["source"]
            link = (
                f"[{source['label']}]({source['url']})"
                if markdown
                else (f"{source['label']} ({source['url']})")
            )
            lines.append(f"  {strings['source']} {link}")
        lines.append("")
    lines += heading(strings["answers"], 2)
    lines += [f"- {answer['text']} {answer['answer']}" for answer in result["answers"]]
    if result["notes"]:
        lines += ["", *heading(strings["notes"], 2)]
        lines += [f"- {note['label']}: {note['value']}" for note in result["notes"]]
    return lines


def as_text(spec: Spec, result: dict[str, Any]) -> str:
    return "\n".join(_lines(spec, result, markdown=False)).rstrip() + "\n"


def as_markdown(spec: Spec, result: dict[str, Any]) -> str:
    return "\n".join(_lines(spec, result, markdown=True)).rstrip() + "\n"
