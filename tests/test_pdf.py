"""The whole protocol as a PDF per language (hooks/pdf.py), read with poppler's pdfinfo and
pdftotext: A4, tagged, bookmarks, the document's language, the cover, the footer in the PDF's
language, ŵ and ŷ, and every sentence of the source in the English one."""

import html
import re
import subprocess
from pathlib import Path

import pytest

from tests import site
from tests.html_text import article_text
from tests.test_fidelity import PROTOCOL_PAGES, missing_sentences
from tests.test_print_page import without_site_lines

FOOTER = {
    "en": r"Uncontrolled when printed or downloaded; the current version is at "
    r"\S+print/\s+Page 1 of (\d+)",
    "cy": r"Heb ei reoli pan gaiff ei argraffu neu ei lawrlwytho; mae'r fersiwn gyfredol yn "
    r"\S+print/\s+Tudalen 1 o (\d+)",
}
COVER = {
    "en": [
        "Working with difficult to engage",
        "Owner",
        "Version",
        "Not stated in the protocol document",
    ],
    "cy": [
        "Gweithio gyda phobl a theuluoedd",
        "Perchennog",
        "Fersiwn",
        "Heb ei nodi yn nogfen y protocol",
    ],
}


def pdf(site_dir, language: str) -> Path:
    return site_dir / site.language_root(language) / "protocol.pdf"


def text(path: Path, *pages: str) -> str:
    """The text in the order it was printed (-raw: in the page's order, table cells whole, and
    a hyphen at a line's end kept)."""
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _pdf_string(literal: bytes) -> str:
    """A PDF string object: (literal, with escapes) or <hex>; UTF-16 when it starts with a BOM."""
    if literal.startswith(b"<"):
        data = bytes.fromhex(literal[1:-1].decode("ascii"))
    else:
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
        data = re.sub(
            rb"\\([0-7]{1,3}|.)",
            lambda m: (
                bytes([int(m.group(1), 8)])
                if m.group(1)[:1].isdigit()
                else escapes.get(m.group(1), m.group(1))
            ),
            literal[1:-1],
            flags=re.S,
        )
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("latin-1")


def bookmarks(raw: bytes) -> list[str]:
    """The titles of the PDF's outline items (each item has /Parent; the document info not)."""
    found = []
    for item in re.finditer(rb"<<((?:(?!>>).)*?/Parent(?:(?!>>).)*?)>>", raw, re.S):
        title = re.search(rb"/Title\s*(<[0-9A-Fa-f]*>|\((?:[^()\\]|\\.)*\))", item.group(1), re.S)
        if title:
            found.append(" ".join(_pdf_string(title.group(1)).split()))
    return found


def page_title(site_dir, page: str, language: str) -> str:
    built = site.built_file(site_dir, Path(page), language).read_text(encoding="utf-8")
    return html.unescape(re.search(r"<h1 [^>]*>([^<]+)", built).group(1).strip())


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_pdf_is_a4_tagged_with_its_language_and_bookmarks(site_dir, language):
    path = pdf(site_dir, language)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)$", info, re.M), info
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    raw = path.read_bytes()
    # The catalogue's and the structure's /Lang: every one the document's.
    assert set(re.findall(rb"/Lang\s*\(([^)]*)\)", raw)) == {
        {"en": b"en-GB", "cy": b"cy"}[language]
    }
    assert b"/StructTreeRoot" in raw
    # A bookmark for every part (its title as on its page), and the footer on the first page.
    marks = bookmarks(raw)
    for page in PROTOCOL_PAGES:
        assert page_title(site_dir, page, language) in marks, page
    first = text(path, "-f", "1", "-l", "1")
    total = re.search(FOOTER[language], " ".join(first.split()))
    assert total and int(total.group(1)) == pages, first[-400:]
    for words in COVER[language]:
        assert words in first, words


def test_the_english_pdf_has_every_sentence_of_the_source(site_dir):
    assert missing_sentences(text(pdf(site_dir, "en"))) == []


def test_the_welsh_pdf_has_its_letters_and_every_sentence_of_the_welsh_pages(site_dir):
    whole = text(pdf(site_dir, "cy"))
    assert "tŷ" in whole and "grŵp" in whole
    # The pages' text without their version line (the PDF has it once, on its cover).
    pages = " ".join(
        article_text(without_site_lines(site.built_file(site_dir, Path(page), "cy").read_text()))
        for page in PROTOCOL_PAGES
    )
    assert missing_sentences(whole, reference=pages) == []


def test_the_print_page_links_its_pdf(site_dir):
    for language in site.LANGUAGES:
        html = site.built_file(site_dir, Path("print.md"), language).read_text(encoding="utf-8")
        assert '<a href="../protocol.pdf" type="application/pdf">' in html
        assert pdf(site_dir, language).stat().st_size > 100_000
