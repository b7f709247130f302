"""The whole protocol as a PDF per language (hooks/pdf.py), read with poppler's pdfinfo and
pdftotext: A4, tagged, bookmarks, the document's language, the cover, the footer in the PDF's
language, ŵ and ŷ, and every sentence of the source in the English one."""

import re
import subprocess
from pathlib import Path

import pytest

from tests import site
from tests.test_fidelity import PROTOCOL_PAGES, missing_sentences

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


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_pdf_is_a4_tagged_with_its_language_and_bookmarks(site_dir, language):
    path = pdf(site_dir, language)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)$", info, re.M), info
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    raw = path.read_bytes()
    assert re.search(rb"/Lang\s*\(" + {"en": b"en", "cy": b"cy"}[language] + rb"\)", raw)
    assert b"/Outlines" in raw and b"/StructTreeRoot" in raw
    # A bookmark for every part (the headings), and the footer on the first page.
    assert raw.count(b"/Title") >= len(PROTOCOL_PAGES) + 1
    first = text(path, "-f", "1", "-l", "1")
    total = re.search(FOOTER[language], " ".join(first.split()))
    assert total and int(total.group(1)) == pages, first[-400:]
    for words in COVER[language]:
        assert words in first, words


def test_the_english_pdf_has_every_sentence_of_the_source(site_dir):
    assert missing_sentences(text(pdf(site_dir, "en"))) == []


def test_the_welsh_pdf_has_its_letters_and_every_part(site_dir):
    whole = " ".join(text(pdf(site_dir, "cy")).split())
    assert "tŷ" in whole and "grŵp" in whole
    for page in PROTOCOL_PAGES:
        built = site.built_file(site_dir, Path(page), "cy").read_text(encoding="utf-8")
        title = re.search(r"<h1 [^>]*>([^<]+)", built).group(1).strip()
        assert title.replace("&#39;", "'") in whole, title


def test_the_print_page_links_its_pdf(site_dir):
    for language in site.LANGUAGES:
        html = site.built_file(site_dir, Path("print.md"), language).read_text(encoding="utf-8")
        assert '<a href="../protocol.pdf" type="application/pdf">' in html
        assert pdf(site_dir, language).stat().st_size > 100_000
