"""The Markdown download, rendered by a real CommonMark implementation with GitHub's tables
(markdown-it-py, as an agency's system or a reader's editor would): what the reader typed stays
text, whatever it holds, and each prompt, quote and source is its own block. CPython only
(Pyodide has no Markdown package)."""

import html
import re

import pytest
from markdown_it import MarkdownIt

from mawwsb_tools import evaluate, load_spec
from mawwsb_tools.summary import as_markdown

# Each would become markup if it were not escaped: setext headings and a rule, an ATX heading,
# emphasis, code, a table, HTML, a link, a list, an ordered list, a quote.
TYPED = [
    "===",
    "---",
    "# heading",
    "*star*",
    "_under_",
    "`code`",
    "a | b\n--|--\nc | d",
    "<b>x</b>",
    "[link](http://example.org)",
    "- item",
    "1. first",
    "> quoted",
    "\\escaped\\",
]
COMMONMARK = MarkdownIt("commonmark").enable("table")
TAGS = re.compile(r"<(h[1-6]|hr|em|strong|code|table|b|a|ol|blockquote)\b")


def rendered(note: str) -> str:
    spec = load_spec("pre-visit-checklist")
    result = evaluate(
        spec, {"joint-visit": "yes"}, "en", {"visit-notes": note}, "https://example.org/"
    )
    return COMMONMARK.render(as_markdown(result))


@pytest.mark.parametrize("typed", TYPED)
def test_typed_text_never_becomes_markup(typed):
    baseline = sorted(TAGS.findall(rendered("plain words")))
    shown = rendered(f"first line\n{typed}")
    assert sorted(TAGS.findall(shown)) == baseline
    for line in typed.splitlines():
        assert html.escape(line, quote=False) in shown, line


def test_prompt_quote_and_source_are_separate_blocks():
    spec = load_spec("pre-visit-checklist")
    result = evaluate(spec, {"joint-visit": "yes"}, "en", base_url="https://example.org/")
    shown = COMMONMARK.render(as_markdown(result))
    # In the full guidance, after the record (whose actions are plain lines).
    record, guidance = shown.split("<h1>Full guidance</h1>", 1)
    assert "<blockquote>" not in record.split("<h2>What to do</h2>", 1)[1]
    item = guidance.split("Arrange for a colleague or manager", 1)[1].split("</li>", 1)[0]
    assert "<blockquote>" in item and item.count("<p>") >= 2
    assert re.search(r'<p>Source: <a href="https://example\.org/appendices/', item)
    # The 999 line is a warning in the Markdown too.
    assert "<strong>Warning: If you identify immediate danger, dial 999.</strong>" in shown
