"""The theme's HTML as served (called by hooks/pipeline.py).

- Repairs what the Nu HTML Checker rejects: Material writes tabindex="" on the navigation's
  section labels (nav-item.html sets it only for labels that are not sections, and renders the
  empty value otherwise); an empty tabindex is invalid and means the same as none.
- Takes off the templates' indentation (about a quarter of every page: Jinja's nested blocks
  indent the navigation deeply). A line's leading spaces render as nothing outside <pre>,
  <textarea> and <script>, which are left as they are.
- Minifies the site's own stylesheet (the readable source stays in docs/assets/stylesheets/).
"""

import re
from pathlib import Path

import rcssmin

EMPTY_TABINDEX = re.compile(r' tabindex=""')
KEEP_AS_WRITTEN = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
INDENTATION = re.compile(r"\n\s+")  # and the blank lines the templates leave
SITE_STYLESHEET = Path("assets") / "stylesheets" / "site.css"
# Loaded only where they are used (macros/offline.py, macros/templates/print_cover.html).
STYLESHEETS = (
    SITE_STYLESHEET,
    Path("assets") / "stylesheets" / "offline.css",
    Path("assets") / "stylesheets" / "print-page.css",
)


def repair(html: str) -> str:
    return EMPTY_TABINDEX.sub("", html)


def dedent(html: str) -> str:
    parts = KEEP_AS_WRITTEN.split(html)
    # split() gives text, element, tag name, text, element, tag name, ...
    return "".join(
        INDENTATION.sub("\n", part) if index % 3 == 0 else part
        for index, part in enumerate(parts)
        if index % 3 != 2
    )


def minify_stylesheets(site_dir: Path) -> None:
    for stylesheet in STYLESHEETS:
        path = site_dir / stylesheet
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
