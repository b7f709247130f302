"""The glossary (i18n/glossary.yml, the entries with `entry`): the Glossary page's list, and a
link from each term's first use on every protocol page to its entry, in the page's language.

The first use is the first match of the term's pattern (the same pattern the Welsh tests use)
in the page's running text: never inside a heading, a link, code, the version line or an
editorial note. The link is ordinary text and an ordinary link, reachable by keyboard and
printed as it is; nothing is shown only on hover. An abbreviation's link carries its expansion,
which the print styles show after it; the print page lists every abbreviation it uses.
"""

import re
from functools import cache
from pathlib import Path

import lxml.html
import yaml
from mkdocs.exceptions import PluginError

from hooks.passages import parse
from macros.rendering import render

GLOSSARY = Path(__file__).resolve().parent.parent / "i18n" / "glossary.yml"
LANGUAGES = ("en", "cy")
PAGE = "glossary/"
# Where a term is not linked: its own headings, links, code, and the site's own lines.
NOT_LINKED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style"}
NOT_LINKED_CLASSES = ("mawwsb-version", "mawwsb-editorial", "mawwsb-added")


def _fail(where: str, problem: str):
    raise PluginError(f"{GLOSSARY}: {where}: {problem}")


@cache
def entries() -> tuple[dict, ...]:
    found, seen = [], set()
    for index, item in enumerate(yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))):
        entry = item.get("entry")
        if entry is None:
            continue
        where = f"[{index}] ({item.get('term')}).entry"
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(entry.get("id"))):
            _fail(f"{where}.id", "expected a lower-case id with hyphens")
        if entry["id"] in seen:
            _fail(f"{where}.id", f"duplicate id '{entry['id']}'")
        seen.add(entry["id"])
        for field in ("title", "own_words"):
            value = entry.get(field)
            if value is None and field == "own_words":
                continue
            for language in LANGUAGES:
                if not isinstance(value, dict) or not str(value.get(language) or "").strip():
                    _fail(f"{where}.{field}", f"no {language} string")
        if (entry.get("ref") is None) == (entry.get("own_words") is None):
            _fail(where, "expected either ref (the protocol's words) or own_words")
        abbreviation = _abbreviation(entry.get("abbreviation"), f"{where}.abbreviation")
        found.append(
            {
                "id": entry["id"],
                "title": entry["title"],
                "ref": entry.get("ref"),
                "abbreviation": abbreviation,
                "own_words": {
                    language: " ".join(entry["own_words"][language].split())
                    for language in LANGUAGES
                }
                if entry.get("own_words")
                else None,
                # A space in a pattern matches any white space: the source wraps its lines.
                "patterns": {
                    language: re.compile(item[language].replace(" ", r"\s+"), re.IGNORECASE)
                    for language in LANGUAGES
                },
            }
        )
    return tuple(found)


def _abbreviation(value, where: str) -> dict | None:
    """{short, expansion: {en, cy} or None (the protocol never spells it out)}."""
    if value is None:
        return None
    if not isinstance(value, dict) or not re.fullmatch(r"\w+", str(value.get("short") or "")):
        _fail(f"{where}.short", "expected the abbreviation as one word")
    given = [language for language in LANGUAGES if str(value.get(language) or "").strip()]
    if given and len(given) != len(LANGUAGES):
        missing = next(language for language in LANGUAGES if language not in given)
        _fail(where, f"no {missing} expansion (give both languages, or neither)")
    expansion = {language: " ".join(value[language].split()) for language in given} or None
    return {"short": value["short"], "expansion": expansion}


def abbreviations_used(text: str, language: str) -> list[dict]:
    """The abbreviations a text uses, in the glossary's order: {short, expansion or None}."""
    return [
        {
            "short": entry["abbreviation"]["short"],
            "expansion": (entry["abbreviation"]["expansion"] or {}).get(language),
        }
        for entry in entries()
        if entry["abbreviation"]
        and re.search(rf"\b{re.escape(entry['abbreviation']['short'])}\b", text)
    ]


def anchor(entry_id: str) -> str:
    return f"term-{entry_id}"


def _linkable(element) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.tag in NOT_LINKED:
            return False
        classes = (node.get("class") or "").split()
        if any(name in classes for name in NOT_LINKED_CLASSES):
            return False
    return True


def _text_slots(element):
    """Each run of text in document order, where a term may be linked: (element, "text") for
    the text that opens an element, (child, "tail") for the text after a child."""
    if element.text and _linkable(element):
        yield element, "text"
    for child in element:
        if isinstance(child.tag, str):
            yield from _text_slots(child)
        if child.tail and _linkable(element):
            yield child, "tail"


def _link_first(root, pattern, href: str, abbreviation: dict | None, language: str) -> bool:
    for element, slot in _text_slots(root):
        text = getattr(element, slot)
        match = pattern.search(text)
        if match is None:
            continue
        link = lxml.html.Element("a", {"class": "mawwsb-term", "href": href})
        if abbreviation and abbreviation["expansion"] and match.group(0) == abbreviation["short"]:
            link.set("data-expansion", abbreviation["expansion"][language])
        link.text = match.group(0)
        link.tail = text[match.end() :]
        setattr(element, slot, text[: match.start()])
        if slot == "text":
            element.insert(0, link)
        else:
            parent = element.getparent()
            parent.insert(parent.index(element) + 1, link)
        return True
    return False


def link_first_uses(html: str, language: str, home: str) -> str:
    """The page's content with each glossary term's first use linked to its entry."""
    root = parse(html)
    changed = False
    for entry in entries():
        href = f"{home}{PAGE}#{anchor(entry['id'])}"
        changed |= _link_first(
            root, entry["patterns"][language], href, entry["abbreviation"], language
        )
    if not changed:
        return html
    return (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )


def glossary_list(language: str, ui: dict[str, str], home: str, mark_addition) -> str:
    other = "cy" if language == "en" else "en"
    return render(
        "glossary.html",
        other_language=other,
        other_label=ui["glossary_other_language"],
        source=ui["glossary_source"],
        entries=[
            {
                "id": anchor(entry["id"]),
                "title": entry["title"][language],
                "other": entry["title"][other],
                "ref": entry["ref"],
                "href": home + _page_href(entry["ref"]) if entry["ref"] else "",
                "own_words": entry["own_words"][language] if entry["own_words"] else "",
            }
            for entry in sorted(entries(), key=lambda entry: entry["title"][language].lower())
        ],
        addition=mark_addition(),
    )


def _page_href(ref: str) -> str:
    page, _, fragment = ref.partition("#")
    path = page.removesuffix(".md")
    return ("" if path == "index" else path + "/") + (f"#{fragment}" if fragment else "")
