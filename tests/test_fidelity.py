"""Every sentence of the approved protocol appears, word for word and in order, on the site.

The source is the text extracted from the board's PDF. Both it and the built pages are reduced to
the same tokens (words and punctuation), ignoring only what extraction or typesetting changes:
white space and line breaks, hyphens at line ends and around dashes, curly versus straight
quotes, bullet glyphs (the "o" of second-level bullets), and letter case (the PDF sets section
titles in capitals; the site sets them in sentence case).
The two token streams are aligned; a source sentence counts as present only when all of its
tokens are matched in order. Text the site adds (headings' numbering colon, table captions) may
be inserted; nothing of the source may be missing.
"""

import difflib
import re
from pathlib import Path

import pytest

from tests import site
from tests.html_text import article_text, collect

URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
# Second-level bullets lost their glyph but kept an "o" (a Wingdings bullet); lists show them.
SUB_BULLET = re.compile(r"^\s*o\s+")
# Page furniture only. Each exclusion is one whole line of the source, with the reason.
EXCLUDED_LINES = {
    "25": "a page number printed at the foot of a PDF page in Appendix 3",
}
# The pages that carry the protocol, in the source's order.
PROTOCOL_PAGES = [
    "dissemination.md",
    "sections/purpose.md",
    "sections/definition.md",
    "sections/recognition-and-understanding.md",
    "sections/impact-on-assessment.md",
    "sections/impact-on-multi-agency-working.md",
    "sections/sharing-information.md",
    "sections/supervision.md",
    "sections/multi-agency-meetings.md",
    "sections/response-to-uncooperative-families.md",
    "sections/professional-curiosity-and-challenge.md",
    "appendices/reasons-for-non-cooperation.md",
    "appendices/dealing-with-hostility-and-violence.md",
    "appendices/keeping-professionals-safe.md",
    "appendices/supervision-and-support.md",
    "appendices/good-practice-guidance.md",
]
# Typographic hyphens (a PDF's text has them where a line broke) are hyphens too.
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u2010": "-", "\u2011": "-"}
)
_TOKEN = re.compile(r"\w+|[^\w\s-]")
_SENTENCE_END = {".", "?", "!"}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.translate(_QUOTES).casefold())


def source_lines() -> tuple[list[str], list[str]]:
    """The source's text lines, and its bare URLs (rendered as links, so checked as links)."""
    text_lines, urls = [], []
    for line in site.SOURCE_TEXT.read_text(encoding="utf-8").splitlines():
        if URL_LINE.match(line):
            urls.append(line.strip())
        elif line.strip() not in EXCLUDED_LINES:
            text_lines.append(SUB_BULLET.sub(" ", line))
    return text_lines, urls


def sentences(source_tokens: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, token in enumerate(source_tokens):
        if token in _SENTENCE_END:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(source_tokens):
        spans.append((start, len(source_tokens)))
    return spans


def site_text(site_dir: Path) -> str:
    return " ".join(
        article_text(site.built_file(site_dir, Path(page)).read_text(encoding="utf-8"))
        for page in PROTOCOL_PAGES
    )


@pytest.mark.skipif(not site.SHARED_SOURCE_TEXT.exists(), reason="no shared/ beside this clone")
def test_source_copy_is_the_shared_seed():
    assert site.SOURCE_TEXT.read_bytes() == site.SHARED_SOURCE_TEXT.read_bytes()


def test_protocol_pages_are_the_navigation_protocol_pages():
    """The fidelity check reads the pages the navigation offers, in the same order."""
    in_nav = [page for page in site.nav_pages() if page in PROTOCOL_PAGES]
    assert in_nav == PROTOCOL_PAGES


def alignment(
    built_text: str, reference: str | None = None
) -> tuple[list[str], list[bool], list[tuple[int, int]]]:
    """The reference's tokens (the source's unless given), which of them the built text has in
    order, and its sentences."""
    if reference is None:
        reference = " ".join(source_lines()[0])
    source = tokens(reference)
    matcher = difflib.SequenceMatcher(None, source, tokens(built_text), autojunk=False)
    matched = [False] * len(source)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            matched[block.a + offset] = True
    return source, matched, sentences(source)


def missing_sentences(built_text: str, reference: str | None = None) -> list[str]:
    """The source's (or the reference's) sentences a text lacks (used for the print page and
    the PDFs too)."""
    source, matched, spans = alignment(built_text, reference)
    return [" ".join(source[start:end]) for start, end in spans if not all(matched[start:end])]


def test_every_sentence_of_the_protocol_is_on_the_site(site_dir, record_property):
    source, matched, spans = alignment(site_text(site_dir))
    missing = [(start, end) for start, end in spans if not all(matched[start:end])]
    coverage = 100 * (len(spans) - len(missing)) / len(spans)
    excluded = ", ".join(f"{line!r} ({why})" for line, why in EXCLUDED_LINES.items())
    record_property(
        "summary",
        f"Fidelity: {len(spans) - len(missing)} of {len(spans)} source sentences "
        f"({coverage:.2f}%) found word for word; {sum(matched)} of {len(source)} tokens. "
        f"Excluded lines: {excluded}; bare URLs checked as links instead.",
    )
    report = []
    for start, end in missing[:15]:
        words = [
            token if matched[index] else f"[{token}]"
            for index, token in enumerate(source[start:end], start)
        ]
        report.append(" ".join(words))
    assert not missing, (
        f"{len(missing)} source sentences are not on the site word for word "
        f"(coverage {coverage:.2f}%); unmatched tokens in [brackets]:\n" + "\n".join(report)
    )


def test_every_source_url_is_a_link(site_dir):
    _, urls = source_lines()
    hrefs = set()
    for page in PROTOCOL_PAGES:
        html = site.built_file(site_dir, Path(page)).read_text(encoding="utf-8")
        hrefs.update(collect(html).links)
    missing = sorted(set(urls) - hrefs)
    assert urls, "the source has bare URLs; none were found"
    assert not missing, f"bare URLs of the source that no page links to: {missing}"


@pytest.mark.parametrize("line", sorted(EXCLUDED_LINES))
def test_excluded_lines_are_page_furniture(line):
    """An exclusion must be a line that stands alone in the source, not part of a sentence."""
    lines = [raw.strip() for raw in site.SOURCE_TEXT.read_text(encoding="utf-8").splitlines()]
    assert lines.count(line) == 1
    assert not re.search(r"[a-z]", line, re.IGNORECASE)
