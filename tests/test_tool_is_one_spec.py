"""A tool is one spec file. In a copy of the project: adding a spec under a new id adds the tool
everywhere (its page with a complete form in both languages, the navigation, the Tools page, the
home page, and the browser, WCAG and Lighthouse tests), with no other file touched; deleting a
spec removes the tool everywhere; a malformed spec stops the build with the file, the path and
what was expected."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests import site
from tests.conftest import BUILT_SITE, TEST_PORT

SPECS = Path("tools") / "mawwsb_tools" / "specs"
NEW_ID = "trial-checklist"
NEW_TITLE = {"en": "Trial visit checklist", "cy": "Rhestr wirio ymweliad prawf"}
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "__pycache__", ".pytest_cache", ".ruff_cache"
)


@pytest.fixture(autouse=True, scope="module")
def _caches_filled(site_dir):
    """A copy of the project takes its caches (.cache: the compressed engine, the traced
    standard library), which the session's build fills: copy after it, or every copy's build
    compresses the engine again."""


def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(site.ROOT, root, ignore=NOT_COPIED)
    # The installed packages are read, never changed: share them.
    (root / "node_modules").symlink_to(site.ROOT / "node_modules")
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "node_modules" not in path.parts and "__pycache__" not in path.parts
    }


def new_spec_text() -> str:
    """The checklist's spec under a new id, title and place: only the [tool] table differs."""
    text = (site.ROOT / SPECS / "pre_visit_checklist.toml").read_text(encoding="utf-8")
    original = tomllib.loads(text)["tool"]
    replacements = [
        ('id = "pre-visit-checklist"', f'id = "{NEW_ID}"'),
        ("order = 1", "order = 9"),
        (
            f'title = {{ en = "{original["title"]["en"]}", cy = "{original["title"]["cy"]}" }}',
            f'title = {{ en = "{NEW_TITLE["en"]}", cy = "{NEW_TITLE["cy"]}" }}',
        ),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def build(root: Path, tmp_path: Path, port: int = 8000) -> tuple[Path, subprocess.CompletedProcess]:
    site_dir = tmp_path / "built"
    result = site.build_site(site_dir, f"http://127.0.0.1:{port}{site.SUB_PATH}", root)
    return site_dir, result


def read(site_dir: Path, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def nav_links(html: str) -> dict[str, str]:
    """The navigation's links: {address: title}."""
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>\n</div>") if "</nav>\n</div>" in nav else len(nav)]
    return {
        href: " ".join(title.split())
        for href, title in re.findall(
            r'href="([^"]+)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', nav
        )
    }


@pytest.fixture(scope="module")
def with_new_tool(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("new-tool")
    root = project_copy(tmp_path)
    before = files_of(root)
    (root / SPECS / (NEW_ID.replace("-", "_") + ".toml")).write_text(new_spec_text(), "utf-8")
    changed = {path for path, data in files_of(root).items() if before.get(path) != data}
    # Built for the port the sweep below serves it on, so that the sweep need not build it again.
    port = site.free_port()
    site_dir, result = build(root, tmp_path, port)
    return root, site_dir, result, changed, port


def test_adding_a_spec_is_the_whole_change(with_new_tool):
    root, site_dir, result, changed, _ = with_new_tool
    assert changed == {(SPECS / "trial_checklist.toml").as_posix()}
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    spec = tomllib.loads((root / SPECS / "trial_checklist.toml").read_text(encoding="utf-8"))
    radios = sum(len(q.get("options", [])) for q in spec["questions"])
    for language in site.LANGUAGES:
        home = site.language_root(language)
        page = read(site_dir, f"{home}tools/{NEW_ID}")
        # Its page, with the complete form rendered at build time.
        assert f'<h1 id="{NEW_ID}">{NEW_TITLE[language]}' in page
        assert f'data-tool="{NEW_ID}"' in page
        start = page.index('<form class="mawwsb-tool__form"')
        form = page[start : page.index("</form>", start)]
        assert form.count('type="radio"') == radios
        assert all(f'id="question-{q["id"]}"' in page for q in spec["questions"])
        assert page.count('class="mawwsb-guidance__applies"') == len(spec["rules"])
        # The navigation of every page, the Tools page and the home page.
        for other in ("", "tools/", "sections/purpose/"):
            links = nav_links(read(site_dir, home + other))
            assert NEW_TITLE[language] in links.values(), (language, other, links)
        for listing in (home, f"{home}tools/"):
            html = read(site_dir, listing)
            article = html[html.index("<article") : html.index("</article>")]
            assert f'{NEW_ID}/">{NEW_TITLE[language]}</a>' in article, listing
        assert f"tools/{NEW_ID}/" in (site_dir / home / "sitemap.xml").read_text(encoding="utf-8")
    manifest = (site_dir / "assets" / "tools" / "manifest.json").read_text(encoding="utf-8")
    assert f'"{NEW_ID}": "specs/{NEW_ID}.' in manifest


def test_the_tests_find_the_new_tool(with_new_tool):
    """The browser sweep, the WCAG checks, Lighthouse, the tool tests and traceability all
    collect the new tool from its spec; the sweep then passes on its pages in both languages."""
    root = with_new_tool[0]
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_browser.py",
            "tests/test_wcag_browser.py",
            "tests/test_lighthouse.py",
            "tests/test_tools_browser.py",
            "tests/tools/test_traceability.py",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    found = [line for line in collected.stdout.splitlines() if NEW_ID in line]
    for module in (
        "test_browser",
        "test_wcag_browser",
        "test_lighthouse",
        "test_tools_browser",
        "test_traceability",
    ):
        assert any(f"{module}.py::" in line for line in found), (module, collected.stdout[-3000:])
    for language_page in (f"tools/{NEW_ID}/", f"cy/tools/{NEW_ID}/"):
        assert any(f"[{language_page}]" in line for line in found), language_page
    _, site_dir, _, _, port = with_new_tool
    swept = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_browser.py",
            "-k",
            NEW_ID,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, BUILT_SITE: str(site_dir), TEST_PORT: str(port)},
    )
    assert swept.returncode == 0 and "2 passed" in swept.stdout, swept.stdout[-3000:]


def test_deleting_a_spec_removes_the_tool_everywhere(tmp_path):
    root = project_copy(tmp_path)
    (root / SPECS / "supervision_questions.toml").unlink()
    site_dir, result = build(root, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    leftovers = [
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".xml", ".json")
        and "tools/supervision-questions" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert not (site_dir / "tools" / "supervision-questions").exists()
    assert not (site_dir / "cy" / "tools" / "supervision-questions").exists()
    assert not leftovers, leftovers


MALFORMED = {
    "a typo in a key": (
        ('id = "immediate-danger"\n', 'id = "immediate-danger"\nwith_notes = true\n'),
        "questions[0].with_notes: unknown field (expected id, section, ref, text",
    ),
    "no tool id": (('id = "pre-visit-checklist"\n', ""), "tool.id: missing: expected a string"),
    "an id that is not the file name": (
        ('id = "pre-visit-checklist"\n', 'id = "visit-checklist"\n'),
        "tool.id: 'visit-checklist' differs from the file name ('pre-visit-checklist')",
    ),
    "questions written as a table": (
        ("[[questions]]\n", "[questions.{n}]\n"),
        "questions: expected a list ([...] or [[questions]]), not a table",
    ),
    "a missing Welsh label": (
        (', cy = "Ie" }', " }"),
        "options.yes.cy: missing Welsh string",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_spec_stops_the_build_naming_file_path_and_expectation(tmp_path, case):
    (old, new), message = MALFORMED[case]
    root = project_copy(tmp_path)
    name = "common.toml" if "Welsh label" in case else "pre_visit_checklist.toml"
    path = root / SPECS / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    if "{n}" in new:  # every occurrence, numbered
        parts = text.split(old)
        text = parts[0] + "".join(new.format(n=f"q{i}") + part for i, part in enumerate(parts[1:]))
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    _, result = build(root, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{name}: {message}" in output, output[-3000:]
