""" "Link to this page" at the end of each protocol page and each tool, in the page's language
(called by hooks/pipeline.py): the page's stable address, and a small card (title, one line,
link) as HTML to paste into an intranet page, with no script and no frame."""

from markupsafe import Markup

from hooks.versions import is_protocol_page
from macros.rendering import render
from macros.tool_form import load_spec


def card(href: str, title: str, line: str, language: str) -> str:
    # One line per element, as an editor's HTML view shows it. An apostrophe needs no escaping
    # in text or in a double-quoted attribute: "i'w", not "i&#39;w", is what the reader pastes.
    html = render("link_card.html", href=href, title=title, line=line, language=language)
    return html.replace("&#39;", "'")


def shown_as_code(html: str) -> Markup:
    """HTML to read and copy: inside <code> only & and < need escaping (not quotes)."""
    return Markup(html.replace("&", "&amp;").replace("<", "&lt;"))


def with_link_panel(html: str, page, config) -> str:
    tool_id = page.meta.get("tool")
    if not tool_id and not is_protocol_page(page.file.src_uri):
        return html
    language, ui = config.extra["language"], config.extra["ui"]
    href = (config.site_url or "/") + page.url
    if tool_id:
        tool = load_spec(tool_id).tool
        title, line = tool.title[language], tool.summary[language]
    else:
        title, line = page.title, ui["link_card_line"]
    panel = render(
        "link_to.html",
        summary=ui["link_to_summary"],
        address_label=ui["link_to_address"],
        href=href,
        card_label=ui["link_to_card"],
        card=shown_as_code(card(href, title, line, language)),
    )
    return html + "\n" + panel
