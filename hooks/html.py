"""Repairs to the theme's HTML that the Nu HTML Checker rejects (an MkDocs hook).

Material writes tabindex="" on the navigation's section labels (nav-item.html sets it only for
labels that are not sections, and renders the empty value otherwise): an empty tabindex is
invalid and means the same as none, so it is removed.
"""

import re

from mkdocs.plugins import event_priority

EMPTY_TABINDEX = re.compile(r' tabindex=""')


@event_priority(-250)  # after the page is complete, before hooks/security.py hashes its scripts
def on_post_page(output, page, config):
    return EMPTY_TABINDEX.sub("", output)


@event_priority(-250)
def on_post_template(output, template_name, config):
    return EMPTY_TABINDEX.sub("", output) if template_name.endswith(".html") else output
