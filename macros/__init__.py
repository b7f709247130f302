"""Build-time macros for the protocol pages (mkdocs-macros entry point).

This module only registers macros; the work lives in sibling modules. Macros are stateless:
static-i18n runs the whole build once per language, and module-level state would leak. The
page's language comes from the build (hooks/languages.py puts its strings in extra.ui).
"""

from macros.decision_model import decision_model as _decision_model
from macros.document import amendments_table
from macros.document import print_cover as _print_cover
from macros.document_control import document_control as _document_control
from macros.editorial import editorial_note as _editorial_note
from macros.editorial import site_addition as _site_addition
from macros.offline import offline_panel as _offline_panel
from macros.rendering import relative_home
from macros.tool_form import render_tool_form, tool_item, tool_list, tool_title


def define_env(env):
    def extra() -> dict:
        return env.conf["extra"]

    def document_control() -> str:
        return _document_control(extra()["ui"], extra()["language"])

    def home() -> str:
        return relative_home(env.page.url, extra()["language_root"])

    def editorial_note(issue_id: str) -> str:
        """A defect of the source text, marked where it is (i18n/editorial.yml)."""
        return _editorial_note(issue_id, extra()["language"], extra()["ui"], home())

    def site_addition() -> str:
        """The marker of what the site adds that could be taken for the protocol's words."""
        return _site_addition(extra()["ui"], home())

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

    def decision_model() -> str:
        """How the tools decide: the decision model, from the specs (decision_model.py)."""
        return _decision_model(extra()["language"], home())

    def glossary() -> str:
        """The glossary's entries, each with the protocol's words (i18n/glossary.yml)."""
        from hooks.glossary import glossary_list

        return glossary_list(extra()["language"], extra()["ui"], home(), site_addition)

    def print_cover() -> str:
        """The whole protocol's cover, with the link to its PDF (hooks/pdf.py)."""
        stylesheet = relative_home(env.page.url, "") + "assets/stylesheets/print-page.css"
        return _print_cover(
            env.conf["site_name"], extra()["language"], extra()["ui"], "../protocol.pdf", stylesheet
        )

    def amendments() -> str:
        """The amendments, newest first (i18n/document.yml)."""
        return amendments_table(extra()["language"], extra()["ui"])

    def offline_panel(heading: bool = False) -> str:
        """The "Save for offline use" controls (macros/offline.py), with their own heading
        where the page has no table of contents to list it (Tools)."""
        site_root = relative_home(env.page.url, "")
        return _offline_panel(extra()["language"], extra()["ui"], site_root, heading)

    for macro in (
        decision_model,
        offline_panel,
        print_cover,
        amendments,
        glossary,
        document_control,
        editorial_note,
        site_addition,
        tool_form,
        tool_name,
        tools,
        tool_link,
    ):
        env.macro(macro)
