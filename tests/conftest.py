import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import site

# The tools package is imported from its source tree, as the build and the wheel see it.
sys.path.insert(0, str(site.ROOT / "tools"))

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries the (closed) internet on start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A run inside a test (tests/test_tool_is_one_spec.py) may be handed a site already built for
# its port, so that it does not build the same copy of the project twice.
BUILT_SITE = "MAWWSB_BUILT_SITE"
TEST_PORT = "MAWWSB_TEST_PORT"


@pytest.fixture(scope="session")
def port() -> int:
    return int(os.environ[TEST_PORT]) if TEST_PORT in os.environ else site.free_port()


@pytest.fixture(scope="session")
def base_url(port) -> str:
    return f"http://127.0.0.1:{port}{site.SUB_PATH}"


@pytest.fixture(scope="session")
def build(tmp_path_factory, base_url):
    """One strict build of the whole site, configured for the sub-path it is served under."""
    if BUILT_SITE in os.environ:
        built = Path(os.environ[BUILT_SITE])
        return built, subprocess.CompletedProcess([], 0, stdout="", stderr="")
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = site.build_site(site_dir, base_url)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir, result


@pytest.fixture(scope="session")
def site_dir(build):
    return build[0]


@pytest.fixture(scope="session")
def server(site_dir, port, base_url):
    httpd = site.serve(site_dir, port)
    yield base_url
    httpd.shutdown()


@pytest.fixture(scope="session")
def lighthouse(request, server, tmp_path_factory):
    """Lighthouse's run (tests/test_lighthouse.py), started once the site is served; its
    module waits for it. Nothing else is timed, so the two may share the machine."""
    from tests.test_lighthouse import start

    output = tmp_path_factory.mktemp("lighthouse") / "reports.jsonl"
    with output.open("w", encoding="utf-8") as handle:
        process = start(server, handle)
    yield process, output
    if process.poll() is None:
        process.kill()


@pytest.fixture(autouse=True)
def _lighthouse_in_the_background(request):
    """The first test of a run that includes Lighthouse starts it (and so the site's build)."""
    if any(item.module.__name__.endswith("test_lighthouse") for item in request.session.items):
        request.getfixturevalue("lighthouse")


@pytest.fixture(scope="session")
def _chromium():
    """One Chromium for the run, started again if it has crashed: a crash fails the test it
    happened in, not every test after it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        holder = {}

        def current():
            if "browser" not in holder or not holder["browser"].is_connected():
                holder["browser"] = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
            return holder["browser"]

        yield current
        if holder.get("browser") and holder["browser"].is_connected():
            holder["browser"].close()


@pytest.fixture
def browser(_chromium):
    return _chromium()


def pytest_terminal_summary(terminalreporter):
    """Figures that tests measured (such as fidelity coverage) are shown after every run."""
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        for name, value in report.user_properties:
            if name == "summary" and report.when == "call":
                terminalreporter.write_line(value)
