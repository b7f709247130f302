"""The offline copy's build (hooks/offline.py): what sw.js would save, and what the panel says."""

import json
import re
from pathlib import Path

from hooks import offline
from tests import site


def worker_data(site_dir) -> dict:
    source = (site_dir / offline.WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const OFFLINE = (\{.*?\});\n", source).group(1))


def test_the_worker_lists_every_page_and_the_engine_and_nothing_private(site_dir):
    data = worker_data(site_dir)
    site_files = {entry["url"] for entry in data["groups"]["site"]["entries"]}
    engine = {entry["url"] for entry in data["groups"]["tools"]["entries"]}
    pages = {
        site.page_url_path(page, language) + "index.html"
        for page in site.markdown_pages()
        for language in site.LANGUAGES
    }
    assert pages <= site_files
    assert {
        "print/index.html",
        "cy/print/index.html",
        "protocol.pdf",
        "cy/protocol.pdf",
        "404.html",
        "cy/404.html",
        "search/search_index.json",
    } <= site_files
    # The WebAssembly is over workbox's default 2 MiB limit: it must still be listed.
    assert any(url.endswith("/pyodide.asm.wasm") for url in engine)
    assert any(url.endswith(".whl") for url in engine)
    everything = site_files | engine
    assert not [url for url in everything if url.endswith((".br", ".gz", ".map", "sw.js"))]
    assert not site_files & engine
    assert data["version"] == offline.version(offline.manifest(site_dir))
    assert set(data["strings"]) == set(site.LANGUAGES)


def test_the_panel_says_what_each_choice_downloads(site_dir):
    groups = offline.manifest(site_dir)
    sizes = {
        name: offline.megabytes(offline.download_size(site_dir, group["entries"]))
        for name, group in groups.items()
    }
    for language in site.LANGUAGES:
        for page in (Path("index.md"), Path("tools/index.md")):
            html = site.built_file(site_dir, page, language).read_text(encoding="utf-8")
            save = re.search(r"data-offline-save>([^<]+)<", html).group(1)
            tools = re.search(r'<label for="offline-tools">([^<]+)<', html).group(1)
            assert sizes["site"] in save and sizes["tools"] in tools, (page, language)
