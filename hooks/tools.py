"""The in-browser tools (an MkDocs hook): after the build, put the tools' wheel and the
self-hosted Pyodide runtime into the site (build_tools.py), once, for both languages."""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language build; the outer build finishes last and does this once
    sys.path.insert(0, str(ROOT))
    from build_tools import build

    build(Path(config.site_dir))
