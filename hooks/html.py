"""Repairs to the theme's HTML that the Nu HTML Checker rejects (called by hooks/pipeline.py).

Material writes tabindex="" on the navigation's section labels (nav-item.html sets it only for
labels that are not sections, and renders the empty value otherwise): an empty tabindex is
invalid and means the same as none, so it is removed.
"""

import re

EMPTY_TABINDEX = re.compile(r' tabindex=""')


def repair(html: str) -> str:
    return EMPTY_TABINDEX.sub("", html)
