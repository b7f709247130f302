"""The version line under each protocol page's title (called by hooks/pipeline.py): version,
approval date, next review and a link to the Amendments page, from i18n/document.yml."""

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
    href = relative_home(url, language_root) + "amendments/"
    return html[: match.end()] + "\n" + version_line(language, ui, href) + html[match.end() :]
