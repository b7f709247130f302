"""The tools' logic tests and the case corpus again, inside real Pyodide (Python 3.14) under
Node, on the built site's own wheel, compiled specs and traced standard library."""

import json
import re
import subprocess
from pathlib import Path

from tests import site

HERE = Path(__file__).parent
RUNNER = HERE / "run_in_pyodide.js"
LOGIC_TESTS = [HERE / "test_logic.py", HERE / "test_cases.py"]
CASES = HERE.parent / "cases"


def test_logic_tests_pass_inside_pyodide(site_dir):
    assets = site_dir / "assets"
    manifest = json.loads((assets / "tools" / "manifest.json").read_text(encoding="utf-8"))
    stdlib = assets / manifest["engine"] / manifest["stdlib"]
    wheel = assets / "tools" / manifest["wheel"]
    specs = assets / "tools" / "specs"
    result = subprocess.run(
        [
            "node",
            str(RUNNER),
            str(stdlib),
            str(wheel),
            str(specs),
            str(CASES),
            *map(str, LOGIC_TESTS),
        ],
        cwd=site.ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "in Pyodide" in output and "Python 3.14" in output, output
    assert f"browser door: {len(manifest['specs'])} compiled specs" in output, output
    passed, failed = map(int, re.search(r"(\d+) passed, (\d+) failed", output).groups())
    expected = sum(
        1
        for path in LOGIC_TESTS
        for line in path.read_text().splitlines()
        if line.startswith("def test_")
    )
    assert (passed, failed) == (expected, 0), output
