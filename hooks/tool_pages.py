"""A tool is one spec file: its page in each language and its navigation entry come from
tools/mawwsb_tools/specs/<tool-id>.toml (called by hooks/pipeline.py). Adding a spec adds the
tool everywhere; deleting it removes it. The Tools page and the home page list the tools with
the `tools()` macro (macros/tool_form.py), from the same specs."""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from mawwsb_tools.spec import SpecError, load_spec, tool_ids  # noqa: E402

TOOLS_DIR = "tools"
TOOLS_INDEX = f"{TOOLS_DIR}/index.md"
# A page's source: the tool's spec names its heading, form and script (front matter `tool`).
PAGE = """---
tool: {tool_id}
---

# {{{{ tool_name("{tool_id}") }}}} {{ #{tool_id} }}

{{{{ tool_form("{tool_id}") }}}}
"""


def page_uri(tool_id: str) -> str:
    return f"{TOOLS_DIR}/{tool_id}.md"


def _titles(language: str) -> dict[str, str]:
    """Each tool's title; a malformed spec stops the build here, with the spec's own message."""
    try:
        return {tool_id: load_spec(tool_id).tool.title[language] for tool_id in tool_ids()}
    except SpecError as error:
        raise PluginError(f"Tool spec: {error}") from None


def add_to_navigation(config, language: str) -> None:
    """Each tool's page, titled in this build's language, after the Tools page in `nav`."""
    titles = _titles(language)
    section = _tools_section(config.nav or [])
    if section is None:
        raise PluginError(f"mkdocs.yml: nav has no section holding {TOOLS_INDEX} for the tools")
    generated = {page_uri(tool_id) for tool_id in titles}
    # The same config serves every language build: drop the last build's entries first.
    section[:] = [entry for entry in section if _entry_target(entry) not in generated]
    after = [_entry_target(entry) for entry in section].index(TOOLS_INDEX) + 1
    section[after:after] = [{title: page_uri(tool_id)} for tool_id, title in titles.items()]


def _entry_target(entry):
    return next(iter(entry.values())) if isinstance(entry, dict) else entry


def _tools_section(nav: list) -> list:
    for entry in nav:
        value = _entry_target(entry)
        if isinstance(value, list):
            if TOOLS_INDEX in value:
                return value
            found = _tools_section(value)
            if found is not None:
                return found
    return None


def add_pages(files: Files, config, language_root: str) -> Files:
    """Each tool's page for this build's language, as generated Markdown."""
    for tool_id in tool_ids():
        uri = page_uri(tool_id)
        if uri in files.src_uris or uri.replace(".md", ".cy.md") in files.src_uris:
            raise PluginError(f"docs/{uri}: the tool's page is generated from its spec; delete it")
        page = File.generated(config, uri, content=PAGE.format(tool_id=tool_id))
        if language_root:
            page.dest_uri = f"{language_root}{TOOLS_DIR}/{tool_id}/index.html"
        files.append(page)
    return files
