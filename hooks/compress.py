"""Precompressed copies of the site's text files (called by hooks/pipeline.py when the whole
site is built), for static hosts that serve them directly (nginx gzip_static, Apache
mod_rewrite, most CDNs): page.html.gz beside page.html. Pyodide's engine (≈ 9.6 MB of
WebAssembly) shrinks to ≈ 3.6 MB this way."""

import gzip
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".wasm", ".txt"}
MIN_BYTES = 1024


def compress_site(site_dir: Path) -> None:
    for path in site_dir.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_BYTES:
            data = path.read_bytes()
            # mtime=0: the same file always compresses to the same bytes.
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 6, mtime=0))
