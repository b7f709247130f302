"""The offline copy's service worker, written to the site root as sw.js once the site is built
and compressed (called by hooks/pipeline.py, which compresses the changed files again).

What a reader can save is two lists of files, measured by npm's workbox-build
(scripts/offline_manifest.mjs): the site (every page in both languages, the print pages and
PDFs, the search indexes, the styles and scripts) and, as a second choice, the tools' engine.
The panel's buttons say how much each is to download (the .br copies' sizes, as a browser
fetches them); the pages that show them are then brought up to date in the lists, which go into
sw.js with the version (a digest of every file's revision) and the offline words in both
languages (macros/offline.py). A change to any saved file changes sw.js, which is how a
browser with a saved copy learns there is a newer version.
"""

import hashlib
import json
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.offline import SIZE_MARKS, strings_block

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "offline" / "service-worker.js"
MANIFEST_SCRIPT = ROOT / "scripts" / "offline_manifest.mjs"
WORKER = "sw.js"
INJECTION_POINT = "self.__MAWWSB_OFFLINE__"
ENGINE = ["assets/pyodide/**/*", "assets/tools/**/*", "assets/javascripts/tools-worker.js"]
NEVER = ["**/*.br", "**/*.gz", "**/*.map", WORKER]
GROUPS = {
    "site": {
        "patterns": ["**/*.{html,pdf,json,xml,css,js,svg,png,ico,webmanifest}"],
        # Thai and Japanese word splitting: never loaded by an English or Welsh search.
        "ignores": [*NEVER, *ENGINE, "assets/javascripts/lunr/wordcut.js"],
    },
    "tools": {"patterns": ENGINE, "ignores": NEVER},
}


def manifest(site_dir: Path) -> dict:
    request = json.dumps({"directory": str(site_dir), "groups": GROUPS})
    result = subprocess.run(
        ["node", str(MANIFEST_SCRIPT)],
        input=request,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"{MANIFEST_SCRIPT}: {result.stderr.strip()}")
    groups = json.loads(result.stdout)
    for name, group in groups.items():
        if not group["entries"]:
            raise PluginError(f"{MANIFEST_SCRIPT}: the '{name}' group found no files")
    return groups


def download_size(site_dir: Path, entries: list[dict]) -> int:
    """Bytes a browser downloads: the brotli copy where the build made one."""
    total = 0
    for entry in entries:
        path = site_dir / entry["url"]
        compressed = path.with_name(path.name + ".br")
        total += (compressed if compressed.is_file() else path).stat().st_size
    return total


def megabytes(size: int) -> str:
    return f"{max(size / 1_000_000, 0.1):.1f} MB"


def fill_sizes(site_dir: Path, sizes: dict[str, str]) -> list[str]:
    """The panel's sizes written in; returns the pages changed (relative to the site)."""
    changed = []
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if not any(mark in html for mark in SIZE_MARKS.values()):
            continue
        for name, mark in SIZE_MARKS.items():
            html = html.replace(mark, sizes[name])
        page.write_text(html, encoding="utf-8")
        changed.append(page.relative_to(site_dir).as_posix())
    if not changed:
        raise PluginError("no page has the offline panel (docs/index.md: {{ offline_panel() }})")
    return changed


def version(groups: dict) -> str:
    digest = hashlib.sha256()
    for name in sorted(groups):
        for entry in groups[name]["entries"]:
            digest.update(f"{name} {entry['url']} {entry['revision']}\n".encode())
    return digest.hexdigest()[:16]


def fill_panel_sizes(site_dir: Path, groups: dict) -> None:
    """The panel's sizes (what a browser downloads of each list) written into the pages that
    show it, and those pages' revisions brought up to date (workbox's: the MD5 of the file)."""
    sizes = {
        name: megabytes(download_size(site_dir, group["entries"])) for name, group in groups.items()
    }
    changed = fill_sizes(site_dir, sizes)
    for group in groups.values():
        for entry in group["entries"]:
            if entry["url"] in changed:
                entry["revision"] = hashlib.md5((site_dir / entry["url"]).read_bytes()).hexdigest()


def write_service_worker(
    site_dir: Path, strings: dict[str, dict[str, str]], panel: bool = True
) -> str:
    """sw.js for the site as it is now, the panel's sizes filled in first (`panel`: the site
    was just built); returns its version."""
    groups = manifest(site_dir)
    if panel:
        fill_panel_sizes(site_dir, groups)
    offline = {
        "version": version(groups),
        "groups": {
            name: {
                "entries": [{"url": e["url"], "revision": e["revision"]} for e in group["entries"]]
            }
            for name, group in groups.items()
        },
        # Each language's words as the panel's pages carry them, for the worker to add to others.
        "strings": {language: strings_block(language, ui) for language, ui in strings.items()},
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(INJECTION_POINT) != 1:
        raise PluginError(f"{TEMPLATE}: expected {INJECTION_POINT} once")
    data = json.dumps(offline, ensure_ascii=False, separators=(",", ":"))
    (site_dir / WORKER).write_text(template.replace(INJECTION_POINT, data), encoding="utf-8")
    return offline["version"]
