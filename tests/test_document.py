"""The protocol's version, dates and amendments (i18n/document.yml, macros/document.py): the
version line on every protocol page, the Amendments page and the document control agree with
the one record, in both languages, with dates in each language's form."""

import datetime
import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from hooks.versions import is_protocol_page
from macros import document
from tests import site

VERSION_LINE = re.compile(r'</h1>\s*<p class="mawwsb-version" data-search-exclude>(.*?)</p>', re.S)
LINE = {
    "en": "Version: {version} Approved: {approved} Next review: {review} Amendments"
    " Print or save the whole protocol",
    "cy": "Fersiwn: {version} Cymeradwywyd: {approved} Adolygiad nesaf: {review} Diwygiadau"
    " Argraffu neu gadw'r protocol cyfan",
}
NOT_STATED = {"en": "not stated", "cy": "heb ei nodi"}


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_dates_are_written_in_each_language():
    date = datetime.date(2026, 12, 1)
    assert document.format_date(date, "en") == "1 December 2026"
    assert document.format_date(date, "cy") == "1 Rhagfyr 2026"
    assert document.format_date(datetime.date(2027, 6, 30), "cy") == "30 Mehefin 2027"


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_every_protocol_page_has_the_version_line_and_no_other_page(site_dir, language):
    record = document.load_document()
    expected = LINE[language].format(
        **{
            field: document.stated(record, field, language, NOT_STATED[language])
            for field in ("version", "approved", "review")
        }
    )
    protocol = [page for page in site.markdown_pages() if is_protocol_page(page.as_posix())]
    assert len(protocol) == 16
    amendments = site.built_file(site_dir, Path("amendments.md"), language)
    for page in site.markdown_pages():
        built = site.built_file(site_dir, page, language).read_text(encoding="utf-8")
        lines = VERSION_LINE.findall(built)
        if page not in protocol:
            assert 'class="mawwsb-version"' not in built, page
            continue
        assert len(lines) == 1 and built.count('class="mawwsb-version"') == 1, page
        assert text_of(lines[0]) == expected, page
        href = re.search(r'<a class="mawwsb-version__link" href="([^"]+)">', lines[0]).group(1)
        target = urlparse(urljoin("http://site/" + site.page_url_path(page, language), href))
        assert site_dir / target.path.lstrip("/") / "index.html" == amendments, page


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_the_amendments_page_lists_the_record_newest_first(site_dir, language):
    built = site.built_file(site_dir, Path("amendments.md"), language).read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr>\s*<th scope="row"><time datetime="([\d-]+)">([^<]+)</time></th>\s*'
        r"<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*</tr>",
        built,
    )
    expected = [
        (
            entry["date"].isoformat(),
            document.format_date(entry["date"], language),
            entry["change"][language],
            entry["sections"][language],
        )
        for entry in document.load_document()["amendments"]
    ]
    assert [tuple(html.unescape(cell) for cell in row) for row in rows] == expected
    # The first publication of the extracted text is recorded.
    assert expected[-1][0] == "2026-12-02"


def broken(tmp_path, monkeypatch, change):
    data = yaml.safe_load(document.DOCUMENT.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "document.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(document, "DOCUMENT", path)
    document.load_document.cache_clear()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["amendments"][0]["change"].pop("cy"), r"amendments\[0\]\.change: no cy"),
        (
            lambda d: d["amendments"][0].update(date="soon"),
            r"amendments\[0\]\.date: expected a date",
        ),
        (lambda d: d.update(review="next year"), r"review: expected a date"),
        (
            lambda d: d["amendments"].append(
                {**d["amendments"][0], "date": datetime.date(2030, 1, 1)}
            ),
            "newest first",
        ),
        (lambda d: d.update(owner="x"), "owner: unknown field"),
    ],
)
def test_a_malformed_record_stops_the_build_naming_the_field(
    tmp_path, monkeypatch, change, message
):
    broken(tmp_path, monkeypatch, change)
    try:
        with pytest.raises(document.DocumentError, match=message):
            document.load_document()
    finally:
        document.load_document.cache_clear()


def test_stated_values_are_shown_in_the_line(tmp_path, monkeypatch):
    def state(data):
        data.update(
            version="1.0", approved=datetime.date(2026, 3, 1), review=datetime.date(2028, 3, 1)
        )

    broken(tmp_path, monkeypatch, state)
    ui = {
        **{f"version_line_{f}": f.title() for f in ("version", "approved", "review")},
        "version_line_not_stated": "not stated",
        "amendments_title": "Diwygiadau",
        "print_link": "Argraffu",
    }
    try:
        line = text_of(document.version_line("cy", ui, "../"))
    finally:
        document.load_document.cache_clear()
    assert line == "Version: 1.0 Approved: 1 Mawrth 2026 Review: 1 Mawrth 2028 Diwygiadau Argraffu"
