"""The version line under each protocol page's title (called by hooks/pipeline.py): version,
approval date, next review (i18n/document.yml), and links to the Amendments page and to the
whole protocol on one page, to print or save."""

import re

from mkdocs.exceptions import PluginError

from hooks.passages import page_key
from macros.document import version_line
from macros.rendering import relative_home

FIRST_TITLE_END = re.compile(r"</h1>")


def is_protocol_page(src_uri: str) -> bool:
    key = page_key(src_uri)
    return key == "dissemination.md" or key.split("/")[0] in ("sections", "appendices")


def with_version_line(
    html: str, src_uri: str, url: str, language: str, ui: dict, language_root: str
) -> str:
    if not is_protocol_page(src_uri):
        return html
    match = FIRST_TITLE_END.search(html)
    if match is None:
        raise PluginError(f"{src_uri}: a protocol page needs its title (# …) for the version line")
    home = relative_home(url, language_root)
    return html[: match.end()] + "\n" + version_line(language, ui, home) + html[match.end() :]
