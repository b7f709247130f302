"""Shared knowledge about the site for the tests: its pages and how to build and serve it."""

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import yaml

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
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under SUB_PATH only, with the site's own 404 page, and its
    precompressed .br or .gz copies to browsers that accept them (as nginx's brotli_static and
    gzip_static do). Chromium asks for brotli only over HTTPS, so here it gets gzip."""

    def send_head(self):
        path = self.translate_path(self.path.split("?")[0].split("#")[0])
        if Path(path).is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = str(Path(path) / "index.html")
        accepted = {
            part.split(";")[0].strip()
            for part in self.headers.get("Accept-Encoding", "").split(",")
        }
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            compressed = Path(path + suffix)
            if encoding in accepted and compressed.is_file():
                body = compressed.open("rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(compressed.stat().st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def send_error(self, code, message=None, explain=None):
        # As a host would be configured: each language has its own 404 page.
        language = "cy" if self.path.startswith(SUB_PATH + "cy/") else "en"
        not_found_page = Path(self.directory) / language_root(language) / "404.html"
        if code == 404 and not_found_page.exists():
            body = not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download resets the connection: not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site_dir: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_SubPathHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
