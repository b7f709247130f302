"""The whole protocol on one page per language (print/ and cy/print/), for printing or saving:
the document control section, Dissemination/Implementation, sections 1 to 10 and appendices 1
to 5, in the navigation's order, with a contents list and the abbreviations it uses spelt out,
all made at build time (no script).

Called by hooks/pipeline.py once the site is built, from each page's own HTML as it was rendered
(kept for the tools' passages). Each page becomes a part of the print page: its headings one
level down (the print page has the one h1), every id prefixed with the page's own title id so
that none repeats, and every link that pointed at a page on the print page pointing inside it;
other links still reach their pages from print/.
"""

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from mkdocs.exceptions import PluginError

from hooks.glossary import abbreviations_used
from hooks.passages import parse
from hooks.versions import is_protocol_page
from macros.editorial import site_addition
from macros.rendering import render

PRINT_PAGE = "print.md"
PLACEHOLDER = '<div class="mawwsb-print-body" data-whole-protocol></div>'
HEADING = re.compile(r"^h([1-6])$")
HOME = "index.md"


def page_url(page: str) -> str:
    """Site-relative address of a page, below its language's home: x/y.md -> /x/y/."""
    path = page.removesuffix(".md")
    return "/" if path == "index" else f"/{path}/"


def _title_id(root, page: str) -> str:
    titles = root.xpath("//h1[@id]")
    if not titles:
        raise PluginError(f"{page}: a protocol page needs a title with an id for the print page")
    return titles[0].get("id")


def _heading_text(heading) -> str:
    heading = lxml.html.fromstring(lxml.html.tostring(heading))
    for link in heading.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        link.drop_tree()
    return " ".join(heading.text_content().split())


def _one_line(heading) -> None:
    """A heading's line breaks become spaces (its print style preserves spaces, for the PDF's
    bookmarks)."""
    for node in heading.iter():
        if node.text:
            node.text = re.sub(r"\s*\n\s*", " ", node.text)
        if node.tail and node is not heading:
            node.tail = re.sub(r"\s*\n\s*", " ", node.tail)


def parts_of(store: dict, language: str, pages: list[str]) -> list[dict]:
    """The home's document control section, then each protocol page, parsed."""
    home = store.get((language, HOME))
    if home is None:
        raise PluginError(f"the print page needs the home page ({language})")
    control = parse(home).xpath("//section[contains(@class, 'mawwsb-document-control')]")
    if not control:
        raise PluginError(f"the print page needs the home's document control section ({language})")
    parts = [{"page": HOME, "root": control[0], "title_id": None}]
    for page in pages:
        if (language, page) not in store:
            raise PluginError(f"the print page needs {page} ({language})")
        root = parse(store[(language, page)])
        parts.append({"page": page, "root": root, "title_id": _title_id(root, page)})
    return parts


def _rename_ids(parts: list[dict]) -> dict[tuple[str, str], str]:
    """(page, old id) -> id on the print page. The home's section keeps its ids."""
    renamed = {}
    for part in parts:
        prefix = part["title_id"]
        for node in part["root"].xpath(".//*[@id] | self::*[@id]"):
            old = node.get("id")
            new = old if prefix is None or old == prefix else f"{prefix}--{old}"
            renamed[(part["page"], old)] = new
            node.set("id", new)
    return renamed


def _retarget(href: str, base: str, renamed: dict, pages: dict[str, dict], here: str) -> str:
    scheme, netloc, *_ = urlsplit(href)
    if scheme or netloc or href.startswith(("mailto:", "tel:")):
        return href
    resolved = urlsplit(urljoin(base, href))
    target = next((page for page in pages if page_url(page) == resolved.path), None)
    if target is not None:
        if resolved.fragment and (target, resolved.fragment) in renamed:
            return "#" + renamed[(target, resolved.fragment)]
        if target != HOME:
            return "#" + pages[target]["title_id"]
    relative = posixpath.relpath(resolved.path, here)
    if resolved.path.endswith("/") and relative != ".":
        relative += "/"
    elif relative == ".":
        relative = "./"
    return relative + (f"#{resolved.fragment}" if resolved.fragment else "")


def body(store: dict, language: str, pages: list[str], ui: dict[str, str]) -> str:
    parts = parts_of(store, language, pages)
    renamed = _rename_ids(parts)
    by_page = {part["page"]: part for part in parts}
    here = page_url(PRINT_PAGE)
    contents = []
    rendered = []
    for part in parts:
        root = part["root"]
        for link in root.xpath(".//a[@href] | self::a[@href]"):
            link.set(
                "href", _retarget(link.get("href"), page_url(part["page"]), renamed, by_page, here)
            )
        if part["title_id"] is not None:
            entry = {"id": part["title_id"], "title": "", "children": []}
            for heading in root.xpath(".//h1 | .//h2"):
                if heading.tag == "h1":
                    entry["title"] = _heading_text(heading)
                else:
                    entry["children"].append(
                        {"id": heading.get("id"), "title": _heading_text(heading)}
                    )
            contents.append(entry)
            for heading in root.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5"):
                heading.tag = f"h{int(HEADING.match(heading.tag).group(1)) + 1}"
                _one_line(heading)
            inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
            rendered.append(
                f'<section class="mawwsb-print-part" aria-labelledby="{part["title_id"]}">'
                f"{inner}</section>"
            )
        else:
            rendered.append(lxml.html.tostring(root, encoding="unicode"))
    toc = render(
        "print_contents.html",
        heading=ui["print_contents"],
        abbreviations=ui["print_abbreviations"],
        document_control=ui["document_control_heading"],
        entries=contents,
    )
    text = " ".join(lxml.html.fromstring(part).text_content() for part in rendered)
    abbreviations = render(
        "print_abbreviations.html",
        heading=ui["print_abbreviations"],
        addition=site_addition(ui, ""),  # the additions list is on this page
        abbreviations=abbreviations_used(text, language),
        unexplained=ui["abbreviation_unexplained"],
    )
    return '<div class="mawwsb-print-body">' + toc + abbreviations + "".join(rendered) + "</div>"


def fill(site_dir: Path, store: dict, pages_in_nav: list[str], strings: dict, root_of) -> None:
    """Fills print/index.html of each language; `root_of(language)` is its folder ('' or 'cy/')."""
    pages = [page for page in pages_in_nav if is_protocol_page(page)]
    for language, ui in strings.items():
        path = site_dir / root_of(language) / "print" / "index.html"
        html = path.read_text(encoding="utf-8")
        if html.count(PLACEHOLDER) != 1:
            raise PluginError(f"{path}: expected the whole-protocol placeholder once")
        path.write_text(
            html.replace(PLACEHOLDER, body(store, language, pages, ui)), encoding="utf-8"
        )
