"""The engine as built for the browser: small, hashed for caching, precompressed, and what the
worker loads (assets/tools/manifest.json), checked on the session's build."""

import gzip
import json
import re
import zipfile

import brotli

from build_tools import PYODIDE, STDLIB, pyodide_version

# Issue 11's goal for what a tool page downloads to run its engine.
BROTLI_GOAL = 4_000_000
GZIP_GOAL = 4_600_000


def manifest_of(site_dir) -> dict:
    return json.loads((site_dir / "assets" / "tools" / "manifest.json").read_text(encoding="utf-8"))


def on_the_wire(path, encoding: str) -> int:
    """What a host serving the precompressed copies sends (small files have none: sent as is)."""
    compressed = path.with_name(f"{path.name}.{encoding}")
    return compressed.stat().st_size if compressed.exists() else path.stat().st_size


def engine_paths(site_dir, manifest, tool: str):
    assets = site_dir / "assets"
    paths = [assets / path for path in manifest["bytes"] if "/specs/" not in path]
    paths.append(assets / "tools" / manifest["specs"][tool])
    paths.append(assets / "javascripts" / "tools-worker.js")
    return paths


def test_engine_files_are_named_by_their_content_and_listed_with_their_sizes(site_dir):
    manifest = manifest_of(site_dir)
    assert re.fullmatch(
        rf"pyodide/{re.escape(pyodide_version())}-[0-9a-f]{{12}}/", manifest["engine"]
    )
    assert re.fullmatch(r"mawwsb_tools-[\d.]+\+[0-9a-f]{12}-py3-none-any\.whl", manifest["wheel"])
    assert all(re.search(r"\.[0-9a-f]{12}\.json$", path) for path in manifest["specs"].values())
    for path, size in manifest["bytes"].items():
        assert (site_dir / "assets" / path).stat().st_size == size, path
    # Only the hashed engine folder: no stale copy of the runtime beside it.
    assert [p.name + "/" for p in (site_dir / "assets" / "pyodide").iterdir()] == [
        manifest["engine"].split("/")[1] + "/"
    ]


def test_engine_transfer_meets_the_goal(site_dir):
    manifest = manifest_of(site_dir)
    for tool in manifest["specs"]:
        paths = engine_paths(site_dir, manifest, tool)
        with_brotli = sum(on_the_wire(path, "br") for path in paths)
        with_gzip = sum(on_the_wire(path, "gz") for path in paths)
        assert with_brotli <= BROTLI_GOAL, (tool, with_brotli)
        assert with_gzip <= GZIP_GOAL, (tool, with_gzip)


def test_precompressed_copies_are_the_same_files(site_dir):
    manifest = manifest_of(site_dir)
    for path in engine_paths(site_dir, manifest, next(iter(manifest["specs"]))):
        original = path.read_bytes()
        if path.with_name(path.name + ".br").exists():
            assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original


def test_standard_library_is_the_traced_part_of_pyodides_stored_uncompressed(site_dir):
    manifest = manifest_of(site_dir)
    traced = site_dir / "assets" / manifest["engine"] / manifest["stdlib"]
    with zipfile.ZipFile(traced) as minimal, zipfile.ZipFile(PYODIDE / STDLIB) as stock:
        names = minimal.namelist()
        assert {"json/__init__.py", "dataclasses.py", "encodings/utf_8.py"} <= set(names)
        assert "tomllib/__init__.py" not in names  # the browser reads compiled JSON, not TOML
        assert set(names) < set(stock.namelist())
        assert all(info.compress_type == zipfile.ZIP_STORED for info in minimal.infolist())
        assert all(minimal.read(name) == stock.read(name) for name in names)
    assert on_the_wire(traced, "br") < 0.3 * (PYODIDE / STDLIB).stat().st_size
