"""The protocol's own words beside each source a tool cites (called by hooks/pipeline.py).

A tool's form names its sources as disclosures (macros/templates/tool.html): "Source: 3.2 …",
which opens in place to show the cited passage and a link that opens the section in a new tab,
so that checking a source never leaves the page (and never loses what was typed). The form is
rendered before the pages it cites, so it leaves an empty placeholder,
<div … data-passage="page.md#anchor"></div>. Each page's HTML is kept as it is rendered
(`keep`), and once the site is built `fill` puts the passage into every placeholder, in the
tool page's language. A citation whose passage cannot be found stops the build.

The passage is the element that carries the anchor: a paragraph, a list, a list item (in a
list of its own) or a table (a lead-in paragraph ending in ":" takes the list after it); for a
heading, what follows it up to the next heading. Links inside it become plain text and ids are
dropped, so that the passage adds no duplicate ids and no way off the page.
"""

import copy
import re
from pathlib import Path

import lxml.html
from mkdocs.exceptions import PluginError

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PLACEHOLDER = re.compile(r'(<div class="mawwsb-source__words" data-passage="([^"]+)">)(</div>)')


def page_key(src_uri: str) -> str:
    """'sections/x.cy.md' and 'sections/x.md' are the same page in two languages."""
    return re.sub(r"\.cy\.md$", ".md", src_uri)


def keep(store: dict, language: str, src_uri: str, html: str) -> None:
    store[(language, page_key(src_uri))] = html


def _parts(found) -> list:
    if found.tag in HEADINGS:
        parts = []
        for sibling in found.itersiblings():
            if sibling.tag in HEADINGS:
                break
            parts.append(sibling)
        return parts
    parts = [found]
    following = found.getnext()
    if (
        found.tag == "p"
        and found.text_content().rstrip().endswith(":")
        and following is not None
        and following.tag in ("ul", "ol")
    ):
        parts.append(following)
    return parts


def parse(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def passage(root, anchor: str) -> str:
    """The HTML of the passage `anchor` names in a page's parsed content, or "" if none."""
    matches = root.xpath("//*[@id=$anchor]", anchor=anchor)
    if not matches:
        return ""
    pieces = []
    for part in _parts(matches[0]):
        part = copy.deepcopy(part)
        part.tail = None
        for link in part.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
            link.drop_tree()
        for link in part.xpath(".//a"):
            link.drop_tag()
        for node in part.xpath(".//*[@id] | self::*[@id]"):
            del node.attrib["id"]
        if part.tag == "li":  # one item of a list: still a list item, in a list of its kind
            item, part = part, lxml.html.Element(matches[0].getparent().tag)
            part.append(item)
        pieces.append(lxml.html.tostring(part, encoding="unicode"))
    return "".join(pieces)


def fill(site_dir: Path, store: dict, language_of) -> None:
    """Every placeholder in the built site's pages, filled from the kept page contents;
    `language_of(relative_path)` names a built page's language."""
    parsed = {}  # each cited page is parsed once, however often it is cited
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-passage=" not in html:
            continue
        relative = page.relative_to(site_dir).as_posix()
        language = language_of(relative)

        def words(match, relative=relative, language=language):
            target = match.group(2)
            page_uri, _, anchor = target.partition("#")
            key = (language, page_uri)
            if key not in parsed and key in store:
                parsed[key] = parse(store[key])
            found = passage(parsed[key], anchor) if key in parsed and anchor else ""
            if not found:
                raise PluginError(f"{relative}: no passage for the source {target} ({language})")
            return match.group(1) + found + match.group(3)

        page.write_text(PLACEHOLDER.sub(words, html), encoding="utf-8")
