"""The one door between the page and the tools' logic.

The page's Web Worker (docs/assets/javascripts/tools-worker.js) first hands over the tool's
compiled spec (the JSON the build checked and wrote: no TOML is parsed or re-checked here), then
calls handle() with a JSON request and gets the JSON result back. Nothing here touches the
browser, so this module is tested on CPython like the rest.
"""

import json

from mawwsb_tools.engine import evaluate
from mawwsb_tools.model import Spec
from mawwsb_tools.spec import load_compiled
from mawwsb_tools.summary import as_markdown, as_text

_specs: dict[str, Spec] = {}


def load(compiled_json: str) -> str:
    """Keeps a compiled spec for handle(); returns the tool's id."""
    spec = load_compiled(compiled_json)
    _specs[spec.tool.id] = spec
    return spec.tool.id


def handle(request_json: str) -> str:
    """{"tool", "language", "answers", "notes", "plan", "base", "prepared_at"} -> the result,
    with its text and Markdown, whole and as the record alone (the page offers both)."""
    request = json.loads(request_json)
    spec = _specs[request["tool"]]
    result = evaluate(
        spec,
        request.get("answers"),
        request["language"],
        notes=request.get("notes"),
        base_url=str(request.get("base", "")),
        plan=request.get("plan"),
        prepared_at=request.get("prepared_at"),
    )
    copies = {
        "text": as_text(result),
        "markdown": as_markdown(result),
        "record_text": as_text(result, full=False),
        "record_markdown": as_markdown(result, full=False),
    }
    return json.dumps({**result, **copies}, ensure_ascii=False)
