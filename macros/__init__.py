"""Build-time macros for the protocol pages (mkdocs-macros entry point).

This module only registers macros; the work lives in sibling modules. Macros are stateless:
static-i18n runs the whole build once per language, and module-level state would leak. The
page's language comes from the build (hooks/languages.py puts its strings in extra.ui).
"""

from macros.document_control import document_control as _document_control


def define_env(env):
    def document_control() -> str:
        return _document_control(env.conf["extra"]["document"], env.conf["extra"]["ui"])

    env.macro(document_control)
