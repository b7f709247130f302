"""The built site: strict build, navigation, links, anchors, footer and document control."""

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from tests import site
from tests.anchors import REQUIRED_ANCHORS
from tests.html_text import article_text, collect

EXPLICIT_ID = re.compile(r"\{\s*:?\s*#([a-z0-9-]+)\s*\}\s*$")
HEADING = re.compile(r"^#{1,6}\s")


def test_strict_build_has_no_warnings(build):
    _, result = build
    assert result.returncode == 0
    assert "WARNING" not in result.stderr, result.stderr


def test_every_page_is_in_the_navigation():
    in_nav = site.nav_pages()
    on_disk = [page.as_posix() for page in site.source_pages()]
    assert sorted(in_nav) == sorted(on_disk)
    assert len(in_nav) == len(set(in_nav)), "a page is in the navigation twice"


def test_home_links_to_every_protocol_page(site_dir):
    home = collect((site_dir / "index.html").read_text(encoding="utf-8"))
    linked = {urljoin("/", href).strip("/") for href in home.links}
    for page in site.markdown_pages():
        parts = page.parts
        if parts[0] in ("sections", "appendices") or page.name == "dissemination.md":
            assert site.page_url_path(page).strip("/") in linked, f"home does not link {page}"


def _built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def _served_url(site_dir: Path, path: Path) -> str:
    return "http://site.test" + site.SUB_PATH + path.relative_to(site_dir).as_posix()


def _file_for(site_dir: Path, url: str) -> Path | None:
    """The built file a same-site URL serves, or None for another origin or outside the site."""
    parsed = urlparse(url)
    if parsed.netloc != "site.test" or not parsed.path.startswith(site.SUB_PATH):
        return None
    target = site_dir / unquote(parsed.path[len(site.SUB_PATH) :])
    return target / "index.html" if target.is_dir() else target


def test_no_broken_internal_link_or_anchor(site_dir):
    ids_by_file = {
        path: collect(path.read_text(encoding="utf-8")).ids for path in _built_pages(site_dir)
    }
    problems = []
    for path in ids_by_file:
        for href in collect(path.read_text(encoding="utf-8")).links:
            url = urljoin(_served_url(site_dir, path), href)
            if urlparse(url).netloc != "site.test":
                continue
            target = _file_for(site_dir, url)
            fragment = urlparse(url).fragment
            if urlparse(url).path.endswith(".pdf"):  # a file, not a page (hooks/pdf.py)
                if not (site_dir / urlparse(url).path.removeprefix(site.SUB_PATH)).is_file():
                    problems.append(f"{path.relative_to(site_dir)}: {href} (no such file)")
                continue
            if target is None or target not in ids_by_file:
                problems.append(f"{path.relative_to(site_dir)}: {href} (no such page)")
            elif fragment and fragment not in ids_by_file[target]:
                problems.append(f"{path.relative_to(site_dir)}: {href} (no such anchor)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", sorted(REQUIRED_ANCHORS))
def test_required_anchors_exist(site_dir, page):
    html = site.built_file(site_dir, Path(page)).read_text(encoding="utf-8")
    missing = [anchor for anchor in REQUIRED_ANCHORS[page] if anchor not in collect(html).ids]
    assert not missing, f"{page} lacks ids {missing}"


@pytest.mark.parametrize(
    "page",
    [p.as_posix() for page in site.source_pages() for p in (page, site.twin(page))],
)
def test_every_heading_has_an_explicit_id(page):
    """Ids written in the Markdown never change when a heading's wording changes."""
    in_code = False
    missing = []
    for line in (site.DOCS / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if not in_code and HEADING.match(line) and not EXPLICIT_ID.search(line):
            missing.append(line)
    assert not missing, f"{page}: headings without an explicit {{ #id }}: {missing}"


def test_ids_are_unique_per_page(site_dir):
    for path in _built_pages(site_dir):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        duplicates = {value for value in ids if ids.count(value) > 1}
        assert not duplicates, f"{path.relative_to(site_dir)}: duplicate ids {duplicates}"


def test_every_page_links_accessibility_and_privacy_in_footer(site_dir):
    for path in _built_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">') :]
        targets = {
            _file_for(site_dir, urljoin(_served_url(site_dir, path), href))
            for href in collect(footer).links
        }
        language_home = site_dir / "cy" if path.is_relative_to(site_dir / "cy") else site_dir
        for page in ("accessibility", "privacy", "about-welsh"):
            assert language_home / page / "index.html" in targets, (path, page)


def test_no_resource_from_another_origin(site_dir):
    """Scripts, styles, images and icons all come from the site itself."""
    for path in _built_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        external = [
            (tag, url)
            for tag, url in collect(html).resources
            if urlparse(url).scheme in ("http", "https") or url.startswith("//")
        ]
        # Canonical and alternate links name pages, they do not load anything.
        external = [(tag, url) for tag, url in external if tag != "link" or "stylesheet" in url]
        assert not external, f"{path.relative_to(site_dir)} loads {external}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


@pytest.mark.parametrize(
    ("language", "labels", "not_stated"),
    [
        ("en", ("Version", "Approved", "Review date"), "Not stated in the protocol document"),
        (
            "cy",
            ("Fersiwn", "Dyddiad cymeradwyo", "Dyddiad adolygu"),
            "Heb ei nodi yn nogfen y protocol",
        ),
    ],
)
def test_document_control_says_what_the_source_does_not_state(
    site_dir, language, labels, not_stated
):
    home = site_dir / site.language_root(language) / "index.html"
    text = " ".join(article_text(home.read_text(encoding="utf-8")).split())
    for label in labels:
        assert f"{label} {not_stated}" in text, label


def test_home_page_carries_the_emergency_line_in_the_protocols_words(site_dir):
    sentence = "Where immediate danger is identified, staff must dial 999."
    source = " ".join(site.SOURCE_TEXT.read_text(encoding="utf-8").split())
    assert sentence in source
    home = " ".join(article_text((site_dir / "index.html").read_text(encoding="utf-8")).split())
    assert sentence in home
    welsh_home = (site_dir / "cy" / "index.html").read_text(encoding="utf-8")
    assert "Pan nodir perygl uniongyrchol, rhaid i staff ffonio 999." in article_text(welsh_home)


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_tool_pages_are_indexed_by_title_and_introduction_only(site_dir, language):
    """The tools' forms and guidance repeat the protocol's words: indexed, they outranked the
    protocol's own pages and made every page's search index larger."""
    from mawwsb_tools import load_spec

    root = site_dir / site.language_root(language)
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    for tool_id in site.tool_ids():
        spec = load_spec(tool_id)
        path = site.page_url_path(site.tool_page(tool_id), language).removeprefix(
            site.language_root(language)
        )
        text = html.unescape(
            " ".join(
                entry["title"] + " " + entry["text"]
                for entry in index["docs"]
                if entry["location"].split("#")[0] == path
            )
        )
        assert spec.tool.title[language] in text, (tool_id, text[:300])
        assert spec.tool.intro[language].split(":")[0] in text, (tool_id, text[:300])
        for question in spec.questions[:3]:
            assert question.text[language] not in text, (tool_id, question.id)
        assert spec.strings["all-guidance"][language] not in text, tool_id
        assert len(text) < 2 * len(spec.tool.intro[language]) + 200, (tool_id, len(text))


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_a_summary_downloads_under_a_name_in_the_page_language(site_dir, language):
    """tools.js names the download from data-file-name: rhestr-wirio-cyn-ymweliad-DATE.txt on a
    Welsh page (Welsh review U8)."""
    from mawwsb_tools import load_spec

    names = {}
    for tool_id in site.tool_ids():
        page = site.built_file(site_dir, site.tool_page(tool_id), language).read_text("utf-8")
        names[tool_id] = re.search(r'data-file-name="([^"]+)"', page).group(1)
        assert names[tool_id] == load_spec(tool_id).tool.file_name[language]
    expected = {
        "en": {"pre-visit-checklist", "hostility-self-assessment", "supervision-questions"},
        "cy": {"rhestr-wirio-cyn-ymweliad", "hunanasesiad-gelyniaeth", "cwestiynau-goruchwyliaeth"},
    }
    assert set(names.values()) == expected[language]
