"""Packages the tools for the browser: the pure-Python wheel, Pyodide, and the loader's manifest.

    python build_tools.py SITE_DIR      (the mkdocs hook hooks/tools.py calls build())

- builds tools/ into a py3-none-any wheel with PyPA build (flit_core backend, no isolation, so no
  download at build time) and copies it to SITE_DIR/assets/tools/ with a content hash in its
  name, so a browser never runs a stale copy;
- copies the self-hosted Pyodide runtime (npm package `pyodide`, pinned in package.json) to
  SITE_DIR/assets/pyodide/ — the site never asks a CDN for anything;
- compiles each tool's checked spec to SITE_DIR/assets/tools/specs/<tool-id>.<hash>.json, which
  the browser's Python reads instead of parsing and checking the TOML again;
- writes SITE_DIR/assets/tools/manifest.json, which the worker reads to find all of them.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / "tools"
PYODIDE = ROOT / "node_modules" / "pyodide"
# The runtime files the browser needs: the loader, the WebAssembly engine, the standard library
# and the lock file (read at start-up even when no package is loaded).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


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
            env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"},
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


def build(site_dir: Path) -> dict:
    tools_dir = site_dir / "assets" / "tools"
    if tools_dir.exists():
        shutil.rmtree(tools_dir)
    wheel = build_wheel(tools_dir)
    specs = compile_specs(tools_dir / "specs")
    pyodide_dir = site_dir / "assets" / "pyodide"
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE / name, pyodide_dir / name)
    manifest = {"pyodide": pyodide_version(), "wheel": wheel.name, "specs": specs}
    (tools_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
