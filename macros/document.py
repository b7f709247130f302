"""The protocol's version, dates and amendments (i18n/document.yml): the document control
section, the version line on every protocol page and the Amendments page read them from there.
A malformed entry or a missing Welsh string stops the build, naming the file and the field."""

import datetime
import tomllib
from functools import cache
from pathlib import Path

import yaml

from macros.rendering import render

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "i18n" / "document.yml"
# The month names the tools use too (one list per language).
COMMON_STRINGS = ROOT / "tools" / "mawwsb_tools" / "specs" / "common.toml"
LANGUAGES = ("en", "cy")
DATED_FIELDS = ("approved", "review")


class DocumentError(ValueError):
    pass


def _fail(where: str, problem: str):
    raise DocumentError(f"{DOCUMENT}: {where}: {problem}")


def _text(value, where: str) -> dict[str, str]:
    for language in LANGUAGES:
        if not isinstance(value, dict) or not str(value.get(language) or "").strip():
            _fail(where, f"no {language} string")
    return {language: " ".join(value[language].split()) for language in LANGUAGES}


def _date(value, where: str, optional: bool = False):
    if value is None and optional:
        return None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        _fail(where, "expected a date written YYYY-MM-DD" + (" or null" if optional else ""))
    return value


@cache
def load_document() -> dict:
    data = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8")) or {}
    unknown = set(data) - {"version", "amendments", *DATED_FIELDS}
    if unknown:
        _fail(sorted(unknown)[0], "unknown field")
    version = data.get("version")
    if version is not None and not isinstance(version, str | int | float):
        _fail("version", "expected a version such as 1.0, or null")
    amendments = data.get("amendments")
    if not isinstance(amendments, list) or not amendments:
        _fail("amendments", "expected a list, newest first, with at least the first publication")
    entries = []
    for index, entry in enumerate(amendments):
        where = f"amendments[{index}]"
        entries.append(
            {
                "date": _date((entry or {}).get("date"), f"{where}.date"),
                "sections": _text(entry.get("sections"), f"{where}.sections"),
                "change": _text(entry.get("change"), f"{where}.change"),
            }
        )
    dates = [entry["date"] for entry in entries]
    if dates != sorted(dates, reverse=True):
        _fail("amendments", "list them newest first")
    return {
        "version": None if version is None else str(version),
        **{field: _date(data.get(field), field, optional=True) for field in DATED_FIELDS},
        "amendments": entries,
    }


@cache
def month_names(language: str) -> list[str]:
    strings = tomllib.loads(COMMON_STRINGS.read_text(encoding="utf-8"))["strings"]
    names = strings["months"][language].split()
    if len(names) != 12:
        raise DocumentError(f"{COMMON_STRINGS}: strings.months.{language}: expected 12 names")
    return names


def format_date(date: datetime.date, language: str) -> str:
    """'1 December 2026', '1 Rhagfyr 2026'."""
    return f"{date.day} {month_names(language)[date.month - 1]} {date.year}"


def stated(document: dict, field: str, language: str, not_stated: str) -> str:
    value = document[field]
    if value is None:
        return not_stated
    return value if field == "version" else format_date(value, language)


def version_line(language: str, ui: dict[str, str], home: str) -> str:
    """One line under each protocol page's title: version, approval, next review, and links to
    the amendments and to the whole protocol to print. `home`: the way to the language's home."""
    document = load_document()
    not_stated = ui["version_line_not_stated"]
    return render(
        "version_line.html",
        parts=[
            (ui[f"version_line_{field}"], stated(document, field, language, not_stated))
            for field in ("version", "approved", "review")
        ],
        amendments=ui["amendments_title"],
        href=f"{home}amendments/",
        print=ui["print_link"],
        print_href=f"{home}print/",
    )


def amendments_table(language: str, ui: dict[str, str]) -> str:
    return render(
        "amendments.html",
        caption=ui["amendments_caption"],
        headings=[ui["amendments_date"], ui["amendments_change"], ui["amendments_sections"]],
        rows=[
            {
                "iso": entry["date"].isoformat(),
                "date": format_date(entry["date"], language),
                "change": entry["change"][language],
                "sections": entry["sections"][language],
            }
            for entry in load_document()["amendments"]
        ],
    )


def print_cover(
    title: str, language: str, ui: dict[str, str], pdf_href: str, stylesheet: str
) -> str:
    """The print page's opening, and the PDF's cover: the protocol's title, owner, version and
    approval date ("Not stated…" while the Board has not confirmed them), and the PDF's link."""
    document = load_document()
    not_stated = ui["document_control_not_stated"]
    rows = [
        (ui["document_control_owner"], ui["document_owner"]),
        *(
            (ui[f"document_control_{field}"], stated(document, field, language, not_stated))
            for field in ("version", "approved")
        ),
    ]
    return render(
        "print_cover.html",
        title=title,
        rows=rows,
        pdf_href=pdf_href,
        pdf_label=ui["pdf_download"],
        stylesheet=stylesheet,
    )
