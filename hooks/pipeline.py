"""The site's build, in one place (the only MkDocs hook in mkdocs.yml): what happens to each
language build, to each page, and once the whole bilingual site is built, in that order.

static-i18n runs MkDocs' build once per language inside the first build's `post_build`, so
"the site is built" is not any one build's `post_build`. It is `shutdown`, which MkDocs runs
once per command after every build, when no build failed. Only public MkDocs events are used;
the other hooks/ modules are plain functions called from here.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import (  # noqa: E402
    compress,
    glossary,
    html,
    languages,
    link_card,
    offline,
    passages,
    pdf,
    print_page,
    security,
    tool_pages,
    versions,
)
from macros.rendering import relative_home  # noqa: E402

# What the language builds leave for the end: set up in `startup`, used in `shutdown`. (Only
# `mkdocs build` finishes the site: the Makefile serves the built folder, never `mkdocs serve`.)
_site: dict = {}


def on_startup(command, dirty):
    _site.clear()
    _site.update(languages=[], finished=0, failed=False, not_found={}, config=None, contents={})


on_startup(command=None, dirty=False)  # for a build started without the command line


# After static-i18n (priority -100) has set the build's language.
@event_priority(-200)
def on_config(config):
    languages.configure(config)
    _site["languages"].append(config.extra["language"])
    tool_pages.add_to_navigation(config, config.extra["language"])
    return config


@event_priority(-200)  # after static-i18n has chosen this language's files
def on_files(files, config):
    return tool_pages.add_pages(files, config, config.extra["language_root"])


def on_page_content(html, page, config, files):
    # Each page's own HTML, for the passages the tool pages quote (filled in at the end).
    passages.keep(_site["contents"], config.extra["language"], page.file.src_uri, html)
    if versions.is_protocol_page(page.file.src_uri):
        home = relative_home(page.url, config.extra["language_root"])
        html = glossary.link_first_uses(html, config.extra["language"], home)
    html = versions.with_version_line(
        html,
        page.file.src_uri,
        page.url,
        config.extra["language"],
        config.extra["ui"],
        config.extra["language_root"],
    )
    return link_card.with_link_panel(html, page, config)


def _permalink_title(config) -> str:
    return config.mdx_configs.get("toc", {}).get("permalink_title", "")


def on_post_page(output, page, config):
    output = html.dedent(html.repair(output))
    output = languages.search_base(output, config.extra["language"], page.file.src_uri)
    output = languages.permalink_titles(
        output,
        config.extra["language"],
        _permalink_title(config),
        config.extra["ui"]["permalink_title"],
    )
    # Last: the policy hashes the page's final inline scripts.
    return security.with_policy(output, bool(page.meta.get("tool")), page.file.src_uri)


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    output = html.dedent(html.repair(output))
    output = languages.search_base(output, config.extra["language"], template_name)
    output = security.with_policy(output, False, template_name)
    if template_name == "404.html":
        _site["not_found"][config.extra["language"]] = output
    return output


# Each language build's end (the first build's comes last: static-i18n runs the others inside it,
# and the shared config then holds the last language's settings, so nothing here reads them).
@event_priority(-200)
def on_post_build(config):
    _site["finished"] += 1
    _site["config"] = config


def on_build_error(error):
    _site["failed"] = True


def on_shutdown():
    config = _site.get("config")
    built = _site.get("languages", [])
    if _site.get("failed") or sorted(built) != sorted(languages.LANGUAGES):
        return  # a failed or partial build: nothing to finish
    if _site["finished"] != len(built):
        return
    site_dir = Path(config.site_dir)
    languages.place_not_found_pages(site_dir, _site["not_found"])
    languages.finish(site_dir, config.site_url or "/")
    cy_root = languages.language_root("cy")
    passages.fill(
        site_dir,
        _site["contents"],
        lambda path: "cy" if path.startswith(cy_root) else languages.LANGUAGES[0],
    )
    strings = languages.load_ui_strings()
    print_page.fill(
        site_dir, _site["contents"], nav_pages(config["nav"]), strings, languages.language_root
    )
    pdf.write_pdfs(site_dir, config.site_url or "/", strings, languages.language_root)
    from build_tools import build as build_tools

    build_tools(site_dir)
    html.minify_stylesheets(site_dir)
    compress.compress_site(site_dir)  # every file is in place
    # The offline panel's sizes are what a browser downloads (the compressed copies); the pages
    # that show them, and sw.js, are then compressed (the rest comes from the cache).
    offline.write_service_worker(site_dir, strings)
    compress.compress_site(site_dir)


def nav_pages(nav) -> list[str]:
    """The pages of mkdocs.yml's nav, in order (the print page follows it)."""
    pages = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            pages += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            pages.append(value)
    return pages
