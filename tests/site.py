"""Shared knowledge about the site for the tests: its pages and how to build and serve it."""

import http.server
import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.serve import serve_in_background

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The approved protocol as extracted from the board's PDF. A copy travels with the repository so
# the fidelity test runs anywhere; tests/test_fidelity.py checks it against shared/ when present.
SOURCE_TEXT = ROOT / "source" / "protocol-extracted.txt"
SHARED_SOURCE_TEXT = ROOT.parent / "shared" / "seeds" / "000_4c7a4ceb6dd21e7e.txt"
# The site is tested where it will often live: under a sub-path, not at the root.
SUB_PATH = "/protocol/"


LANGUAGES = ("en", "cy")


def source_pages(docs: Path = DOCS) -> list[Path]:
    """Every English Markdown page written in docs/, relative to it (its Welsh twin: twin())."""
    return sorted(
        path.relative_to(docs) for path in docs.rglob("*.md") if not path.name.endswith(".cy.md")
    )


def tool_ids() -> list[str]:
    """Every tool, found from its spec file (tools/mawwsb_tools/specs/), as the build finds it."""
    sys.path.insert(0, str(ROOT / "tools"))
    from mawwsb_tools.spec import tool_ids as from_specs

    return from_specs()


def tool_page(tool_id: str) -> Path:
    return Path("tools") / f"{tool_id}.md"


def markdown_pages() -> list[Path]:
    """Every English page the site has: those in docs/ and each tool's, generated from its spec
    (hooks/tool_pages.py), as paths below docs/ (the tools' pages are never on disk)."""
    return sorted([*source_pages(), *(tool_page(tool_id) for tool_id in tool_ids())])


def twin(page: Path) -> Path:
    """The Welsh twin of an English page: page.md -> page.cy.md."""
    return page.with_suffix(".cy.md")


def language_root(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def page_url_path(page: Path, language: str = "en") -> str:
    """The URL path of a page below the site root, as MkDocs writes it (directory URLs)."""
    stem = page.with_suffix("")
    if stem.name == "index":
        path = "" if stem.parent == Path(".") else f"{stem.parent.as_posix()}/"
    else:
        path = f"{stem.as_posix()}/"
    return language_root(language) + path


def all_page_urls() -> list[str]:
    """Every page of the site in both languages, as URL paths below the site root."""
    return [page_url_path(page, language) for language in LANGUAGES for page in markdown_pages()]


def built_file(site_dir: Path, page: Path, language: str = "en") -> Path:
    return site_dir / page_url_path(page, language) / "index.html"


class _UnsafeLoaderWithEnv(yaml.SafeLoader):
    """mkdocs.yml uses !ENV; the tests only need the rest of it."""


_UnsafeLoaderWithEnv.add_constructor("!ENV", lambda loader, node: None)
_UnsafeLoaderWithEnv.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix
)


def mkdocs_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        return yaml.load(config, Loader=_UnsafeLoaderWithEnv)


def nav_pages(nav=None) -> list[str]:
    """Markdown paths named in the navigation, in order."""
    nav = mkdocs_config()["nav"] if nav is None else nav
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found.extend(nav_pages(value))
        else:
            found.append(value)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(site_dir: Path, site_url: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project at `root` (a copy, in some tests) into site_dir."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    if root != ROOT:
        env["MAWWSB_NO_PDF"] = "1"  # a throwaway copy: its PDFs are not what it tests
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def serve(site_dir: Path, port: int) -> http.server.ThreadingHTTPServer:
    """The built site under SUB_PATH, served as `make serve` serves it (scripts/serve.py)."""
    return serve_in_background(site_dir, port, SUB_PATH)
