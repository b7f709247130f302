"""Every built page, in both languages, is valid HTML for the Nu HTML Checker (npm vnu-jar, run
with the system's Java)."""

import json
import subprocess

from tests import site

VNU = site.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The one message filtered, and why: Material puts autocomplete="off" on the hidden checkboxes
# that open the navigation drawer and the search (base.html, outside any block a theme override
# can replace), so that Firefox does not restore them open when the reader comes back to a page.
# The checker only allows autocomplete on text-like inputs; the attribute is harmless here.
FILTERED = "Attribute “autocomplete” is only allowed when the input type is"


def test_every_page_is_valid_html(site_dir, record_property):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    pages = len(list(site_dir.rglob("*.html")))
    errors = [m for m in messages if m.get("type") == "error" and FILTERED not in m["message"]]
    filtered = sum(1 for m in messages if FILTERED in m.get("message", ""))
    record_property(
        "summary",
        f"HTML validity: {pages} pages checked, {len(errors)} errors "
        f"({filtered} filtered: Material's autocomplete on its toggle checkboxes)",
    )
    report = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert pages > 40 and not errors, "\n".join(report[:30])
