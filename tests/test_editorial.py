"""The site's words about its own text (i18n/editorial.yml, macros/editorial.py): an editorial note
at each known defect of the source text, linked both ways with the list of known issues in the
document control section, and one marker for what the site adds; in both languages."""

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from macros import editorial
from tests import site

NOTE = re.compile(
    r'<span class="mawwsb-editorial" role="note" id="source-issue-([a-z0-9-]+)"'
    r" data-search-exclude>"
    r'<strong class="mawwsb-editorial__label">([^<]+)</strong> ([^<]+) '
    r'<a href="([^"]+)">([^<]+)</a></span>'
)
MARKER = re.compile(r'<a class="mawwsb-added" href="([^"]+)" data-search-exclude>([^<]+)</a>')
# Where the site marks its own additions (i18n/editorial.yml, additions).
MARKERS = {
    "dissemination.md": 2,
    "sections/professional-curiosity-and-challenge.md": 2,
    "index.md": 1,
    "glossary.md": 2,  # the entries in the site's own words (MAWWSB, LOGs)
}
LABEL = {"en": "Editorial note:", "cy": "Nodyn golygyddol:"}
ADDED = {"en": "Added by this site", "cy": "Ychwanegwyd gan y wefan hon"}


def page_html(site_dir: Path, page: str, language: str) -> str:
    return site.built_file(site_dir, Path(page), language).read_text(encoding="utf-8")


def target(site_dir: Path, page: str, language: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a link on a page leads to."""
    base = "http://site/" + site.page_url_path(Path(page), language)
    url = urlparse(urljoin(base, href))
    path = site_dir / url.path.lstrip("/") / "index.html"
    return path, url.fragment


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_each_known_issue_is_noted_where_it_is_and_listed_on_the_home(site_dir, language):
    issues = editorial.load_editorial()["source_issues"]
    home = page_html(site_dir, "index.md", language)
    for issue_id, issue in issues.items():
        notes = [m for m in NOTE.finditer(page_html(site_dir, issue["page"], language))]
        found = [m.groups() for m in notes if m.group(1) == issue_id]
        assert len(found) == 1, f"{issue_id}: {len(found)} notes on {issue['page']} ({language})"
        _, label, text, href, _ = found[0]
        assert (label, html.unescape(text)) == (LABEL[language], issue["note"][language])
        path, fragment = target(site_dir, issue["page"], language, href)
        assert path == site.built_file(site_dir, Path("index.md"), language)
        assert fragment == f"known-issues-{issue_id}"
        # The list item is on the home, and leads back to the note.
        item = re.search(rf'<li id="{fragment}">([^<]+) <a href="([^"]+)">', home)
        assert item, f"{fragment} is not on the home ({language})"
        assert html.unescape(item.group(1)) == issue["detail"][language]
        back, back_fragment = target(site_dir, "index.md", language, item.group(2))
        assert back == site.built_file(site_dir, Path(issue["page"]), language)
        assert back_fragment == f"source-issue-{issue_id}"
    # No note the list does not have.
    for page in site.markdown_pages():
        for match in NOTE.finditer(page_html(site_dir, page.as_posix(), language)):
            assert match.group(1) in issues, (page, match.group(1))


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_site_additions_are_marked_alike_and_explained(site_dir, language):
    counts = {}
    # The print page repeats the protocol pages, with links inside itself (test_print_page.py).
    for page in [page for page in site.markdown_pages() if page.as_posix() != "print.md"]:
        for match in MARKER.finditer(page_html(site_dir, page.as_posix(), language)):
            assert html.unescape(match.group(2)) == ADDED[language]
            path, fragment = target(site_dir, page.as_posix(), language, match.group(1))
            assert path == site.built_file(site_dir, Path("index.md"), language)
            assert fragment == "site-additions"
            counts[page.as_posix()] = counts.get(page.as_posix(), 0) + 1
    assert counts == MARKERS
    home = page_html(site_dir, "index.md", language)
    listed = re.search(r'<h3 id="site-additions">.*?<ul>(.*?)</ul>', home, re.S).group(1)
    items = re.findall(r"<li>([^<]+)</li>", listed)
    assert [html.unescape(item) for item in items] == [
        addition[language] for addition in editorial.load_editorial()["additions"]
    ]


def test_a_missing_welsh_string_stops_the_build_naming_the_field(tmp_path, monkeypatch):
    data = yaml.safe_load(editorial.EDITORIAL.read_text(encoding="utf-8"))
    del data["source_issues"]["assurance-cut-cell"]["detail"]["cy"]
    broken = tmp_path / "editorial.yml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(editorial, "EDITORIAL", broken)
    editorial.load_editorial.cache_clear()
    try:
        with pytest.raises(
            editorial.EditorialError, match=r"source_issues\.assurance-cut-cell\.detail has no cy"
        ):
            editorial.load_editorial()
    finally:
        editorial.load_editorial.cache_clear()


def test_an_unknown_note_stops_the_build():
    with pytest.raises(editorial.EditorialError, match="no-such-issue"):
        editorial.editorial_note("no-such-issue", "en", {}, "./")
