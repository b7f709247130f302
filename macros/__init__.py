"""Build-time macros for the protocol pages (mkdocs-macros entry point).

This module only registers macros; the work lives in sibling modules. Macros are stateless:
static-i18n runs the whole build once per language, and module-level state would leak. The
page's language comes from the build (hooks/languages.py puts its strings in extra.ui).
"""

from macros.document_control import document_control as _document_control
from macros.tool_form import render_tool_form, tool_item, tool_list, tool_title


def define_env(env):
    def extra() -> dict:
        return env.conf["extra"]

    def document_control() -> str:
        return _document_control(extra()["document"], extra()["ui"])

    def tool_form(tool_id: str) -> str:
        return render_tool_form(
            tool_id, extra()["language"], env.page.url, extra()["language_root"]
        )

    def tool_name(tool_id: str) -> str:
        return tool_title(tool_id, extra()["language"])

    def tools(summaries: bool = False) -> str:
        """Links to every tool (from the specs), optionally each with its one-line summary."""
        return tool_list(extra()["language"], env.page.file.src_uri, summaries)

    def tool_link(tool_id: str) -> str:
        """A list item linking to the tool, in this page's language ("" if there is none)."""
        return tool_item(tool_id, extra()["language"], env.page.file.src_uri)

    for macro in (document_control, tool_form, tool_name, tools, tool_link):
        env.macro(macro)
