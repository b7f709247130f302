"""Precompressed copies of the site's text and WebAssembly files (called by hooks/pipeline.py
once the whole site is built), for static hosts that serve them directly (nginx gzip_static and
brotli_static, Apache mod_rewrite, most CDNs): page.html.br and page.html.gz beside page.html.
Pyodide's engine (9.6 MB of WebAssembly) is 2.7 MB as brotli and 3.4 MB as gzip this way.

Both are compressed as hard as the formats allow (brotli quality 11; gzip by zopfli, which
writes ordinary gzip 3-8 % smaller than zlib's best). That is slow for the engine (about 30 s),
so each result is kept in .cache/compressed/ under the hash of what was compressed: the engine
is compressed once per Pyodide version, not once per build.
"""

import gzip
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli
import zopfli.gzip

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".wasm", ".txt", ".zip"}
MIN_BYTES = 1024
# zopfli's time grows with size; past this, one iteration (still better than zlib -9).
ZOPFLI_FULL_BELOW = 256 * 1024
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "compressed"
ENCODINGS = ("br", "gz")


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11)
    if len(data) < ZOPFLI_FULL_BELOW:
        return zopfli.gzip.compress(data, numiterations=5)
    compressed = zopfli.gzip.compress(data, numiterations=1)
    # zopfli writes no file date, so the same file always compresses to the same bytes; a
    # zlib copy is kept only if zopfli ever lost to it.
    fallback = gzip.compress(data, 9, mtime=0)
    return compressed if len(compressed) <= len(fallback) else fallback


def _cache_file(data: bytes, encoding: str, cache: Path = CACHE) -> Path:
    return cache / f"{hashlib.sha256(data).hexdigest()}.{encoding}"


def _store(data: bytes, encoding: str, cached: Path) -> bytes:
    compressed = _compress(data, encoding)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
    partial.write_bytes(compressed)
    partial.replace(cached)  # whole or not at all, even if two builds run at once
    return compressed


def compressed(data: bytes, encoding: str) -> bytes:
    """`data` compressed as the build compresses it ("br" or "gz"), from the cache if there."""
    cached = _cache_file(data, encoding)
    return cached.read_bytes() if cached.is_file() else _store(data, encoding, cached)


def _cached(job: tuple[Path, str, Path]) -> None:
    source, encoding, cached = job
    _store(source.read_bytes(), encoding, cached)


def compress_site(site_dir: Path, cache: Path = CACHE) -> None:
    jobs, copies = [], []
    for path in site_dir.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_BYTES:
            data = path.read_bytes()
            for encoding in ENCODINGS:
                cached = _cache_file(data, encoding, cache)
                copies.append((cached, path.with_name(f"{path.name}.{encoding}")))
                if not cached.is_file():
                    jobs.append((path, encoding, cached))
    # Largest first, so the engine's two long jobs start at once on separate cores.
    jobs.sort(key=lambda job: job[0].stat().st_size, reverse=True)
    if len(jobs) > 1:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_cached, jobs))
    else:
        for job in jobs:
            _cached(job)
    for cached, target in copies:
        target.write_bytes(cached.read_bytes())
