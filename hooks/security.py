"""A Content-Security-Policy on every page, generated at build time (called by hooks/pipeline.py
as the last change to each page).

The theme puts small inline scripts in each page (some embed the page's depth, so they differ
between pages): each page's policy allows exactly its own inline scripts by their sha256 hash,
and nothing inline otherwise. Only pages with a tool may compile WebAssembly (Pyodide).
The policy is a <meta> tag placed before the first script. Hosts also send one as a header
(deploy/: header_policy()), which adds what a <meta> policy cannot set, frame-ancestors, and
cannot list each page's hashes: it allows inline scripts and WebAssembly on every page, and the
page's own <meta> policy, which the browser enforces as well, narrows them to the hashes and
to the tool pages.
"""

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'
# A data block (type="application/json") is never run, so it needs no hash.
DATA_TYPES = re.compile(r'\stype="(?!text/javascript|module)[^"]+"')

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if " src=" in attributes or DATA_TYPES.search(attributes):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy_for(html: str, runs_webassembly: bool) -> str:
    policy = {name: list(values) for name, values in BASE_POLICY.items()}
    policy["script-src"] += script_hashes(html)
    if runs_webassembly:
        policy["script-src"].append("'wasm-unsafe-eval'")
    return _serialised(policy)


def _serialised(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in policy.items())


def with_policy(html: str, runs_webassembly: bool, where: str) -> str:
    if CHARSET not in html:
        raise PluginError(f"{where}: no {CHARSET} to place the Content-Security-Policy after")
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{policy_for(html, runs_webassembly)}">'
    )
    return html.replace(CHARSET, CHARSET + "\n" + meta, 1)


# The intranets that may show the site in a frame: deploy/ lists this example, to be replaced.
EXAMPLE_FRAME_ANCESTORS = "'self' https://intranet.example.org"


def header_policy(frame_ancestors: str = EXAMPLE_FRAME_ANCESTORS) -> str:
    """The Content-Security-Policy header that deploy/'s configurations send."""
    policy = {name: list(values) for name, values in BASE_POLICY.items()}
    policy["script-src"] += ["'unsafe-inline'", "'wasm-unsafe-eval'"]
    policy["frame-ancestors"] = [frame_ancestors]
    policy["upgrade-insecure-requests"] = []
    return _serialised(policy)
