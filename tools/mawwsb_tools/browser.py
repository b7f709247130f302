"""The one door between the page and the tools' logic.

The page's Web Worker (docs/assets/javascripts/tools-worker.js) calls handle() with a JSON
request and gets a JSON answer; nothing here touches the browser, so this module is tested on
CPython like the rest.
"""

import json
from functools import cache

from mawwsb_tools.engine import evaluate
from mawwsb_tools.spec import Spec, load_spec
from mawwsb_tools.summary import as_markdown, as_text


@cache
def _spec(tool_id: str) -> Spec:
    return load_spec(tool_id)


def handle(request_json: str) -> str:
    """{"tool", "language", "answers", "notes", "plan", "base"} -> the summary and its text."""
    request = json.loads(request_json)
    spec = _spec(request["tool"])
    result = evaluate(
        spec,
        request.get("answers"),
        request["language"],
        notes=request.get("notes"),
        base_url=str(request.get("base", "")),
        plan=request.get("plan"),
    )
    result["text"] = as_text(spec, result)
    result["markdown"] = as_markdown(spec, result)
    return json.dumps(result, ensure_ascii=False)
