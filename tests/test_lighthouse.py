"""Lighthouse (npm `lighthouse`, pinned; Debian's Chromium): accessibility, best practices and SEO
score 100 on every page type in both languages."""

import json
import os
import subprocess

import pytest

from tests import site
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.test_wcag_browser import CASES

LIGHTHOUSE = site.ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.mark.parametrize(("name", "path"), CASES, ids=lambda value: value)
def test_lighthouse_scores_100(server, tmp_path, name, path, record_property):
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            server + path,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=desktop",
            "--screenEmulation.disabled",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {category: data["categories"][category]["score"] for category in CATEGORIES}
    failing = [
        f"{audit['id']}: {audit['title']}"
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    record_property("summary", f"Lighthouse {path or 'home'}: {scores}")
    assert all(score == 1 for score in scores.values()), (scores, failing)
