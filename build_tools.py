"""Packages the tools for the browser: the pure-Python wheel, Pyodide, and the loader's manifest.

    python build_tools.py SITE_DIR      (hooks/pipeline.py calls build() once the site is built)

- builds tools/ into a py3-none-any wheel with PyPA build (flit_core backend, no isolation, so no
  download at build time) and copies it to SITE_DIR/assets/tools/ with a content hash in its
  name, so a browser never runs a stale copy;
- copies the self-hosted Pyodide runtime (npm package `pyodide`, pinned in package.json) to
  SITE_DIR/assets/pyodide/<version>-<hash>/, a folder named by a hash of its contents so that hosts
  can cache it for a year (Pyodide finds its own files by fixed names beside its loader, so the
  hash is in the folder's name) — the site never asks a CDN for anything;
- in that folder, replaces Pyodide's standard library (2.5 MB, already deflated) with just the
  files the tools import: scripts/trace_stdlib.js runs every worked example of every tool inside
  Pyodide and lists them. The zip is stored uncompressed, so that brotli or gzip on the wire
  compresses it better than the zip's own deflate (0.57 MB with brotli, against 0.78 MB);
- replaces the lock file (119 kB, for 357 packages the site never loads) with its `info` alone;
- compiles each tool's checked spec to SITE_DIR/assets/tools/specs/<tool-id>.<hash>.json, which
  the browser's Python reads instead of parsing and checking the TOML again;
- writes SITE_DIR/assets/tools/manifest.json, which the worker reads to find all of them, with
  each file's size so that the page can show how much of the engine has arrived.

pyodide-build is not used: every release that works needs Python >= 3.12, and even for a pure
wheel it first downloads a cross-build environment from the internet. A pure-Python wheel built
by PyPA build is exactly what Pyodide loads.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / "tools"
PYODIDE = ROOT / "node_modules" / "pyodide"
# The runtime files the browser needs: the loader, the WebAssembly engine, the standard library
# and the lock file (read at start-up even when no package is loaded).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"
TRACE = ROOT / "scripts" / "trace_stdlib.js"
TRACE_CACHE = ROOT / ".cache" / "stdlib-trace"
# Fixed dates inside built archives: the same content always gets the same hash.
SOURCE_DATE_EPOCH = 315532800


def pyodide_version() -> str:
    return json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]


def build_wheel(out_dir: Path) -> Path:
    """Builds the tools wheel into out_dir; returns its path (name with a content hash)."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build",
                "--wheel",
                "--no-isolation",
                "--outdir",
                scratch,
                str(TOOLS),
            ],
            check=True,
            capture_output=True,
            text=True,
            # Fixed file dates inside the wheel: the same code always gets the same hash.
            env={**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)},
        )
        (built,) = Path(scratch).glob("*.whl")
        digest = hashlib.sha256(built.read_bytes()).hexdigest()[:12]
        # name-version+hash-py3-none-any.whl: a local version label keeps it a valid wheel name.
        name, version, rest = built.name.split("-", 2)
        target = out_dir / f"{name}-{version}+{digest}-{rest}"
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
        return target


def compile_specs(out_dir: Path) -> dict[str, str]:
    """Each tool's checked spec as JSON with a content hash in its name: {tool id: file}."""
    sys.path.insert(0, str(TOOLS))
    from mawwsb_tools.spec import anchors_in_docs, compile_spec, load_spec, tool_ids

    anchors = anchors_in_docs(ROOT / "docs")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for tool_id in tool_ids():
        compiled = compile_spec(load_spec(tool_id, anchors)).encode("utf-8")
        name = f"{tool_id}.{hashlib.sha256(compiled).hexdigest()[:12]}.json"
        (out_dir / name).write_bytes(compiled)
        written[tool_id] = f"{out_dir.name}/{name}"
    return written


def traced_stdlib_files(wheel: Path, specs: list[Path]) -> list[str]:
    """The standard library's files that running every worked example imports, in Pyodide.

    The trace takes about 3 s; it is kept in .cache/ under a hash of everything it depends on
    (the wheel, the compiled specs, the trace script and the Pyodide version)."""
    key = hashlib.sha256(pyodide_version().encode())
    for path in (TRACE, wheel, *specs):
        key.update(hashlib.sha256(path.read_bytes()).digest())
    cached = TRACE_CACHE / f"{key.hexdigest()}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    traced = subprocess.run(
        ["node", str(TRACE), str(wheel), *map(str, specs)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    files = json.loads(traced.stdout)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(files), encoding="utf-8")
    return files


def minimal_stdlib(files: list[str], target: Path) -> None:
    """A zip of just `files` from Pyodide's standard library, stored, with fixed dates."""
    with (
        zipfile.ZipFile(PYODIDE / STDLIB) as stock,
        zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as minimal,
    ):
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            minimal.writestr(entry, stock.read(name))


def engine_files(stdlib_files: list[str], scratch: Path) -> dict[str, bytes]:
    """What the browser's Pyodide loads, by file name: the runtime, the traced standard
    library and the lock file's `info` (Pyodide reads the lock file even when it loads no
    package; the site never loads one)."""
    minimal_stdlib(stdlib_files, scratch / STDLIB)
    lock = json.loads((PYODIDE / LOCK).read_text(encoding="utf-8"))
    files = {name: (PYODIDE / name).read_bytes() for name in PYODIDE_FILES}
    files[STDLIB] = (scratch / STDLIB).read_bytes()
    files[LOCK] = json.dumps({"info": lock["info"], "packages": {}}).encode("utf-8")
    return files


def build(site_dir: Path) -> dict:
    tools_dir = site_dir / "assets" / "tools"
    pyodide_root = site_dir / "assets" / "pyodide"
    for stale in (tools_dir, pyodide_root):
        if stale.exists():
            shutil.rmtree(stale)
    wheel = build_wheel(tools_dir)
    specs = compile_specs(tools_dir / "specs")
    with tempfile.TemporaryDirectory() as scratch:
        stdlib = traced_stdlib_files(wheel, [tools_dir / path for path in specs.values()])
        files = engine_files(stdlib, Path(scratch))
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    engine = f"{pyodide_version()}-{digest.hexdigest()[:12]}"
    pyodide_dir = pyodide_root / engine
    pyodide_dir.mkdir(parents=True)
    for name, content in files.items():
        (pyodide_dir / name).write_bytes(content)
    sizes = {f"pyodide/{engine}/{name}": len(content) for name, content in files.items()}
    sizes[f"tools/{wheel.name}"] = wheel.stat().st_size
    for path in specs.values():
        sizes[f"tools/{path}"] = (tools_dir / path).stat().st_size
    manifest = {
        "pyodide": pyodide_version(),
        "engine": f"pyodide/{engine}/",
        "stdlib": STDLIB,
        "lock": LOCK,
        "wheel": wheel.name,
        "specs": specs,
        # Paths below assets/: what a tool page may fetch, and how many bytes each has.
        "bytes": sizes,
    }
    (tools_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
