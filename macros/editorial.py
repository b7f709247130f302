"""What the site says about its own text (i18n/editorial.yml): editorial notes on defects of the
source text, the "Added by this site" marker, and the lists of both in the document control
section. A missing string or an unknown note stops the build, naming the file and the field."""

from functools import cache
from pathlib import Path

import yaml

from macros.rendering import render

EDITORIAL = Path(__file__).resolve().parent.parent / "i18n" / "editorial.yml"
LANGUAGES = ("en", "cy")
KNOWN_ISSUES_ID = "known-issues"
ADDITIONS_ID = "site-additions"


class EditorialError(ValueError):
    pass


def _text(value, where: str) -> dict[str, str]:
    for language in LANGUAGES:
        if not isinstance(value, dict) or not str(value.get(language) or "").strip():
            raise EditorialError(f"{EDITORIAL}: {where} has no {language} string")
    return {language: " ".join(value[language].split()) for language in LANGUAGES}


@cache
def load_editorial() -> dict:
    data = yaml.safe_load(EDITORIAL.read_text(encoding="utf-8")) or {}
    issues = {}
    for issue_id, issue in (data.get("source_issues") or {}).items():
        where = f"source_issues.{issue_id}"
        page = (issue or {}).get("page")
        if not isinstance(page, str) or not page.endswith(".md"):
            raise EditorialError(f"{EDITORIAL}: {where}.page must name a page (e.g. x/y.md)")
        issues[issue_id] = {
            "page": page,
            "note": _text(issue.get("note"), f"{where}.note"),
            "detail": _text(issue.get("detail"), f"{where}.detail"),
        }
    additions = [
        _text(addition, f"additions[{index}]")
        for index, addition in enumerate(data.get("additions") or [])
    ]
    if not issues or not additions:
        raise EditorialError(f"{EDITORIAL}: expected source_issues and additions")
    return {"source_issues": issues, "additions": additions}


def note_id(issue_id: str) -> str:
    return f"source-issue-{issue_id}"


def editorial_note(issue_id: str, language: str, ui: dict[str, str], home: str) -> str:
    """The note where the defect is: one line, so that it can sit in a paragraph or list item."""
    issues = load_editorial()["source_issues"]
    if issue_id not in issues:
        raise EditorialError(f"{EDITORIAL}: a page uses editorial_note('{issue_id}'), not listed")
    return render(
        "editorial_note.html",
        id=note_id(issue_id),
        label=ui["editorial_note_label"],
        note=issues[issue_id]["note"][language],
        href=f"{home}#{KNOWN_ISSUES_ID}-{issue_id}",
        link=ui["editorial_note_link"],
    ).replace("\n", " ")


def site_addition(ui: dict[str, str], home: str) -> str:
    return render(
        "site_addition.html", text=ui["site_addition"], href=f"{home}#{ADDITIONS_ID}"
    ).replace("\n", " ")


def page_path(page: str) -> str:
    """x/y.md -> x/y/ (index.md -> the home itself), as the site's directory URLs."""
    path = page.removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def editorial_lists(language: str, ui: dict[str, str]) -> dict:
    """The two lists for the document control section (on the home page)."""
    editorial = load_editorial()
    return {
        "known_issues": {
            "id": KNOWN_ISSUES_ID,
            "heading": ui["known_issues_heading"],
            "intro": ui["known_issues_intro"],
            "where": ui["known_issues_where"],
            "items": [
                {
                    "id": f"{KNOWN_ISSUES_ID}-{issue_id}",
                    "detail": issue["detail"][language],
                    "href": f"{page_path(issue['page'])}#{note_id(issue_id)}",
                }
                for issue_id, issue in editorial["source_issues"].items()
            ],
        },
        "additions": {
            "id": ADDITIONS_ID,
            "heading": ui["additions_heading"],
            "intro": ui["additions_intro"],
            "items": [addition[language] for addition in editorial["additions"]],
        },
    }
