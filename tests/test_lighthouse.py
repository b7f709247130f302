"""Lighthouse (npm `lighthouse`, pinned; Debian's Chromium): accessibility, best practices and SEO
score 100 on every page type in both languages (tools found from their specs).

One Chromium and one Node process audit every page (tests/lighthouse_runner.mjs), started in the
background as soon as the site is served, with short quiet windows: nothing here is timed
(speed is `make bench`'s), so Lighthouse need not wait seconds for a quiet page before it
collects what these categories audit. The accessibility
category is kept although axe runs on every page in the sweep: Lighthouse adds axe's
best-practice rules the sweep does not run, for half a second a page."""

import json
import os
import subprocess

import pytest

from tests import site
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.test_wcag_browser import CASES

RUNNER = site.ROOT / "tests" / "lighthouse_runner.mjs"
CATEGORIES = ("accessibility", "best-practices", "seo")


def start(server: str, output) -> subprocess.Popen:
    """Lighthouse over every page type, in the background (tests/conftest.py starts it as soon
    as the site is served, so that it runs beside the rest of the suite)."""
    return subprocess.Popen(
        ["node", str(RUNNER), ",".join(CATEGORIES), *(server + path for _, path in CASES)],
        env={**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_FLAGS": " ".join(CHROMIUM_ARGS)},
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def reports(lighthouse, server) -> dict[str, dict]:
    """Every page type's Lighthouse report, by path."""
    process, output = lighthouse
    returncode = process.wait(timeout=600)
    text = output.read_text(encoding="utf-8")
    assert returncode == 0, text[-3000:]
    found = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    return {report["url"].removeprefix(server): report for report in found}


@pytest.mark.parametrize(("name", "path"), CASES, ids=lambda value: value)
def test_lighthouse_scores_100(reports, name, path, record_property):
    report = reports[path]
    scores = report["scores"]
    record_property("summary", f"Lighthouse {path or 'home'}: {scores}")
    assert sorted(scores) == sorted(CATEGORIES)
    assert all(score == 1 for score in scores.values()), (scores, report["failing"])
