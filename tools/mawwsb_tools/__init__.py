"""The protocol site's tools: the typed spec model, its loading and checks, and the logic that
turns answers into a summary. Standard library only, no browser objects: the same code runs on
CPython at build and test time and in Pyodide in the reader's browser (browser.py is the one
door to the page)."""

from mawwsb_tools.engine import evaluate
from mawwsb_tools.model import LANGUAGES, Spec, SpecError
from mawwsb_tools.spec import load_spec, tool_ids

__all__ = ["LANGUAGES", "Spec", "SpecError", "evaluate", "load_spec", "tool_ids"]
