"""The "Save for offline use" panel (home and Tools pages, both languages) and the words the
offline copy shows on any page (docs/assets/javascripts/offline.js; offline/service-worker.js
carries them to pages it serves). The sizes are measured once the site is built
(hooks/offline.py fills SIZE_MARKS in)."""

import json

from macros.document import format_date, load_document, month_names
from macros.rendering import render

# Filled in by hooks/offline.py from the precache manifest: a build that leaves one fails.
SIZE_MARKS = {"site": "[[offline-size:site]]", "tools": "[[offline-size:tools]]"}
# Shown by offline.js (ui.yml's offline_* strings without the prefix).
SCRIPT_STRINGS = (
    "unsupported",
    "saving",
    "saved",
    "saved_tools",
    "failed_network",
    "failed_quota",
    "removed",
    "reading_saved",
    "newer",
    "reload",
)


def edition(language: str, ui: dict[str, str]) -> str:
    """The protocol's version if the Board has stated one, else the date of its last amendment
    (i18n/document.yml), for "saved on …" lines."""
    document = load_document()
    if document["version"] is not None:
        return ui["offline_edition_version"].format(version=document["version"])
    latest = document["amendments"][0]["date"]
    return ui["offline_edition_amended"].format(date=format_date(latest, language))


def offline_strings(language: str, ui: dict[str, str]) -> dict:
    return {
        **{name: ui[f"offline_{name}"] for name in SCRIPT_STRINGS},
        "edition": edition(language, ui),
        "months": month_names(language),
    }


def strings_block(language: str, ui: dict[str, str]) -> str:
    # "<" escaped: the block can never end early or open a tag.
    data = json.dumps(offline_strings(language, ui), ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="mawwsb-offline-strings">{data}</script>'


def offline_panel(language: str, ui: dict[str, str], site_root: str, heading: bool) -> str:
    return render(
        "offline_panel.html",
        heading=ui["offline_heading"] if heading else None,
        intro=ui["offline_intro"],
        no_script=ui["offline_no_script"],
        save=ui["offline_save"].format(size=SIZE_MARKS["site"]),
        tools=ui["offline_tools"].format(size=SIZE_MARKS["tools"]),
        remove=ui["offline_remove"],
        strings=strings_block(language, ui),
        script=f"{site_root}assets/javascripts/offline.js",
        stylesheet=f"{site_root}assets/stylesheets/offline.css",
    )
