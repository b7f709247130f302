import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
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
# A run in parallel (`pytest -n 2`, as `make test` runs): the controlling process builds the site
# once and serves it on this port for every worker, with the build's output in this file.
SHARED_SERVER = "MAWWSB_SHARED_SERVER"
BUILD_OUTPUT = "MAWWSB_BUILD_OUTPUT"
# ...and runs Lighthouse beside the workers, writing its reports here (see _SharedLighthouse).
SHARED_LIGHTHOUSE = "MAWWSB_SHARED_LIGHTHOUSE"


def _controls_workers(config) -> bool:
    """This process hands tests to pytest-xdist's workers (and runs none itself)."""
    distributed = getattr(config.option, "dist", "no") != "no"
    return distributed and not hasattr(config, "workerinput")


# Test files whose module fixture is worth running once (a copy of the project built, one
# browser's run of every search query, one nginx): in a parallel run each goes to one worker
# whole; every other test is handed out on its own, to whichever worker is free.
WHOLE_FILES = (
    "tests/test_tool_is_one_spec.py",
    "tests/test_search_browser.py",
    "tests/test_deploy_browser.py",
)


# In a parallel run the longest files start first, so that no worker is left with one at the
# end while the other waits.
FIRST = (
    "tests/test_tool_is_one_spec.py",
    "tests/test_tools_browser.py",
    "tests/test_rural_signal_browser.py",
    "tests/test_language_browser.py",
    "tests/test_steps_browser.py",
    "tests/test_offline_browser.py",
)


def pytest_collection_modifyitems(config, items):
    if hasattr(config, "workerinput"):  # every worker orders its (identical) collection alike
        rank = {path: index for index, path in enumerate(FIRST)}
        items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(FIRST)))


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::")[0]
            return module if module in WHOLE_FILES else nodeid

    return Scheduling(config, log)


def pytest_configure(config):
    """In a parallel run, the controlling process serves the site for every worker and builds it
    once, in the background: the workers start at once (tests that need no site run while it
    builds) and find it through the environment they inherit, waiting on a lock that the build
    holds until it is done (see _Shared)."""
    if not _controls_workers(config) or BUILT_SITE in os.environ:
        return
    port = site.free_port()
    shared = _Shared(Path(tempfile.mkdtemp(prefix="mawwsb-tests-")))
    server = f"http://127.0.0.1:{port}{site.SUB_PATH}"
    httpd = site.serve(shared.site_dir, port)
    lighthouse = _SharedLighthouse(shared.base) if _runs_lighthouse(config) else None
    config._mawwsb_shared = (httpd, shared.base, lighthouse)
    os.environ.update(
        {
            BUILT_SITE: str(shared.site_dir),
            TEST_PORT: str(port),
            SHARED_SERVER: str(port),
            BUILD_OUTPUT: str(shared.output),
        }
    )
    if lighthouse:
        lighthouse.hold()
        os.environ[SHARED_LIGHTHOUSE] = str(shared.base)
    shared.build_in_background(server, lighthouse)


def _runs_lighthouse(config) -> bool:
    """Whether the run's paths take in tests/test_lighthouse.py (the controlling process does
    not collect: it reads the command line)."""
    wanted = site.ROOT / "tests" / "test_lighthouse.py"
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args] or [site.ROOT / "tests"]
    return any(path == wanted or (path.is_dir() and path in wanted.parents) for path in paths)


class _Lock:
    """A file that one process holds exclusively while it works; another process that takes a
    shared lock on it is let through once the work is done: a wait, not a poll."""

    def __init__(self, path: Path):
        self.path = path

    def hold(self) -> None:
        self._held = self.path.open("w")
        fcntl.flock(self._held, fcntl.LOCK_EX)

    def release(self) -> None:
        self._held.close()

    def wait(self) -> None:
        with self.path.open("r") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)


class _Shared:
    """The site a parallel run's workers share: built once by the controlling process."""

    def __init__(self, base: Path):
        self.base = base
        self.site_dir = base / "site"
        self.output = base / "build-output.json"
        self.lock = _Lock(base / "build.lock")

    def build_in_background(self, server: str, lighthouse) -> None:
        self.lock.hold()

        def build():
            try:
                result = site.build_site(self.site_dir, server)
                output = {"returncode": result.returncode}
                output.update(stdout=result.stdout, stderr=result.stderr)
            except Exception as error:  # said to every worker, not lost in a thread
                output = {"returncode": 1, "stdout": "", "stderr": repr(error)}
            self.output.write_text(json.dumps(output), encoding="utf-8")
            self.lock.release()
            if lighthouse:
                lighthouse.start(server, built=output["returncode"] == 0)

        threading.Thread(target=build, daemon=True).start()

    @staticmethod
    def wait_for_build() -> subprocess.CompletedProcess:
        """In a worker: the shared build's result, once it is done."""
        output = Path(os.environ[BUILD_OUTPUT])
        _Lock(output.parent / "build.lock").wait()
        return subprocess.CompletedProcess([], **json.loads(output.read_text(encoding="utf-8")))


class _SharedLighthouse:
    """Lighthouse, run by the controlling process of a parallel run as soon as the site is
    built and served, beside the workers; a worker that needs the reports waits on its lock."""

    def __init__(self, base: Path):
        self.output = base / "lighthouse.jsonl"
        self.returncode = base / "lighthouse.returncode"
        self.lock = _Lock(base / "lighthouse.lock")
        self.process = None

    def hold(self) -> None:
        self.lock.hold()

    def start(self, server: str, built: bool) -> None:
        from tests.test_lighthouse import start

        if not built:  # nothing to audit: the build's failure is what the workers report
            self.returncode.write_text("1", encoding="utf-8")
            self.lock.release()
            return
        with self.output.open("w", encoding="utf-8") as handle:
            self.process = start(server, handle)
        self.returncode.write_text(str(self.process.wait()), encoding="utf-8")
        self.lock.release()

    def wait(self, timeout=None) -> int:
        self.lock.wait()
        return int(self.returncode.read_text(encoding="utf-8"))

    def poll(self):
        return 0  # the controlling process stops it, not a worker


def pytest_unconfigure(config):
    shared = getattr(config, "_mawwsb_shared", None)
    if shared:
        httpd, base, lighthouse = shared
        if lighthouse and lighthouse.process and lighthouse.process.poll() is None:
            lighthouse.process.kill()
        httpd.shutdown()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def port() -> int:
    return int(os.environ[TEST_PORT]) if TEST_PORT in os.environ else site.free_port()


@pytest.fixture(scope="session")
def base_url(port) -> str:
    return f"http://127.0.0.1:{port}{site.SUB_PATH}"


@pytest.fixture(scope="session")
def build(tmp_path_factory, base_url):
    """One strict build of the whole site, configured for the sub-path it is served under."""
    if BUILD_OUTPUT in os.environ:  # a parallel run's shared build
        result = _Shared.wait_for_build()
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        return Path(os.environ[BUILT_SITE]), result
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
    if os.environ.get(SHARED_SERVER) == str(port):  # served by the run's controlling process
        yield base_url
        return
    httpd = site.serve(site_dir, port)
    yield base_url
    httpd.shutdown()


@pytest.fixture(scope="session")
def lighthouse(request, server, tmp_path_factory):
    """Lighthouse's run (tests/test_lighthouse.py), started once the site is served; its
    module waits for it. Nothing else is timed, so the two may share the machine."""
    from tests.test_lighthouse import start

    if SHARED_LIGHTHOUSE in os.environ:  # run by the controlling process of a parallel run
        shared = _SharedLighthouse(Path(os.environ[SHARED_LIGHTHOUSE]))
        yield shared, shared.output
        return
    output = tmp_path_factory.mktemp("lighthouse") / "reports.jsonl"
    with output.open("w", encoding="utf-8") as handle:
        process = start(server, handle)
    yield process, output
    if process.poll() is None:
        process.kill()


@pytest.fixture(autouse=True)
def _lighthouse_in_the_background(request):
    """The first test of a run that includes Lighthouse starts it (and so the site's build).
    In a parallel run the controlling process has started it already."""
    if hasattr(request.config, "workerinput"):
        return
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
