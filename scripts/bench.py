"""`make bench`: how fast the site and its tools are, measured in headless Chromium on 127.0.0.1.

Prints a table and writes bench-results.json. Figures (median and range over RUNS runs):
- a content page's transfer size, against a bare Material build of the same Markdown;
- the full bilingual build's time, against that bare build;
- Lighthouse performance (mobile) for a content page and a tool page;
- form usable: navigation start until the tool form's first answer can be chosen, against the
  same moment on a bare Material page (a one-page stock Material site);
- Python ready: navigation start until the page says the summary can be prepared, against a
  minimal page that only boots the same Pyodide and a one-function wheel in a module worker;
  cold (new browser profile each run) and warm (one persistent profile, caches kept);
- main-thread long tasks (> 50 ms) while the engine loads, on the tool page;
- Pyodide bytes fetched by a page without a tool;
- the engine before and after issue 11 (the site at BENCH_BASELINE, default the commit before
  it, built from a git worktree in the same run): bytes a tool page fetches to run its engine,
  with brotli and with gzip, and the time until Python is ready at 1.6 Mbit/s / 150 ms and at
  10 Mbit/s / 40 ms (Chromium's network emulation, which covers the worker), each as a ratio to
  the floor page (the minimal page: stock Pyodide with its whole standard library and a
  one-function wheel), all served the same way.
`python scripts/bench.py --engine` runs only the last part.
This is a benchmark, not a test: it asserts nothing and never fails on a slow machine.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from hooks import compress  # noqa: E402
from tests import site  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BASELINE = os.environ.get("BENCH_BASELINE", "1517854")  # the last commit before issue 11
ENGINE_RUNS = 3
GAVE_UP = "[data-status] p:has-text('could not be prepared')"
NETWORKS = {
    "1.6 Mbit/s, 150 ms": {"latency": 150, "downloadThroughput": 200_000},
    "10 Mbit/s, 40 ms": {"latency": 40, "downloadThroughput": 1_250_000},
}

RUNS = 5
TOOL = "tools/pre-visit-checklist/"
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });"""
SINCE_START = "() => performance.now()"

# The floor: stock Pyodide (its own copy, whole standard library) and a one-function wheel.
MINIMAL_WORKER = """const base = new URL("./", location.href);
const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", base).href,
  packageBaseUrl: new URL("pyodide/", base).href });
const wheel = await fetch(new URL("hello-1.0-py3-none-any.whl", base));
pyodide.unpackArchive(new Uint8Array(await wheel.arrayBuffer()), "wheel");
postMessage(pyodide.pyimport("hello").hello());
"""
MINIMAL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>minimal</title>
<script type="module" src="main.js"></script></head><body><p id="state">loading</p></body></html>"""
MINIMAL_MAIN = """const worker = new Worker("worker.js", { type: "module" });
worker.onmessage = (event) => { document.getElementById("state").textContent = event.data; };"""


def one_function_wheel(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("hello/__init__.py", "def hello():\n    return 'ready'\n")
        wheel.writestr(
            "hello-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: hello\nVersion: 1.0\n"
        )
        wheel.writestr(
            "hello-1.0.dist-info/WHEEL",
            "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        wheel.writestr("hello-1.0.dist-info/RECORD", "")


BARE_CONFIG = """site_name: Bare
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, tables, toc]
"""
CONTENT_PAGE = "sections/recognition-and-understanding/"


def bare_material_site(out: Path) -> None:
    """Stock Material, the same English Markdown (macros left as text), nothing of ours."""
    project = out / "bare"
    for page in (ROOT / "docs").rglob("*.md"):
        if not page.name.endswith(".cy.md"):
            target = project / "docs" / page.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(BARE_CONFIG)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out / "site" / "bare")],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
    )


def timed_build(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def transfer_bytes(browser, url: str) -> int:
    page = browser.new_page()
    sizes = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(sizes)


def lighthouse_performance(url: str) -> float:
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        subprocess.run(
            [
                str(ROOT / "node_modules" / ".bin" / "lighthouse"),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            capture_output=True,
        )
        return 100 * json.loads(report.read_text())["categories"]["performance"]["score"]


def summary(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": values,
    }


def measure_form_usable(browser, url: str, selector: str) -> float:
    page = browser.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, state="visible")
    elapsed = page.evaluate(SINCE_START)
    page.close()
    return elapsed


def measure_ready(context, url: str, done_selector: str) -> tuple[float, list[float]]:
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(done_selector, timeout=60000)
    elapsed = page.evaluate(SINCE_START)
    long_tasks = page.evaluate("() => window.__longTasks || []")
    page.close()
    return elapsed, long_tasks


def add_floor_page(site_dir: Path) -> None:
    """The minimal page, with its own stock Pyodide and precompressed copies, in assets/."""
    minimal = site_dir / "assets" / "minimal"
    minimal.mkdir()
    (minimal / "index.html").write_text(MINIMAL_PAGE)
    (minimal / "main.js").write_text(MINIMAL_MAIN)
    (minimal / "worker.js").write_text(MINIMAL_WORKER)
    one_function_wheel(minimal / "hello-1.0-py3-none-any.whl")
    stock = ROOT / "node_modules" / "pyodide"
    (minimal / "pyodide").mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copyfile(stock / name, minimal / "pyodide" / name)
    shutil.copyfile(stock / "pyodide-lock.json", minimal / "pyodide" / "pyodide-lock.json")
    compress.compress_site(minimal)


def build_with_floor_page(tmp: Path, base: str) -> Path:
    site_dir = tmp / "site"
    build = site.build_site(site_dir, base)
    if build.returncode:
        sys.exit(build.stderr)
    add_floor_page(site_dir)
    return site_dir


def wire_bytes(data: bytes, encoding: str) -> int:
    """The size a host sends with this encoding ("br" or "gz") at its best (the build's own
    compressors and cache), or as is when that is not smaller (zips, wheels)."""
    return min(len(data), len(compress.compressed(data, encoding)))


def ready_once(browser, url: str, done: str, network: dict, site_dir: Path) -> dict:
    """One cold load under the emulated network: ms until ready, and the engine's bytes."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "uploadThroughput": 93_750, **network},
    )
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.goto(url, wait_until="commit")
    # Before issue 11, a tool page gave up after 30 s: that counts as a failure, not a time.
    page.wait_for_selector(f"{done}, {GAVE_UP}", timeout=300_000)
    elapsed = page.evaluate(SINCE_START)
    ready = page.locator(done).count() > 0
    engine = {"gzip_measured": 0, "br": 0, "gz": 0}
    for request in fetched:
        path = urlparse(request.url).path.removeprefix(site.SUB_PATH)
        if not path.startswith(("assets/pyodide/", "assets/tools/", "assets/minimal/")):
            continue
        if path.endswith((".html", "main.js", "/")):
            continue
        engine["gzip_measured"] += request.sizes()["responseBodySize"]
        data = (site_dir / path).read_bytes()
        engine["br"] += wire_bytes(data, "br")
        engine["gz"] += wire_bytes(data, "gz")
    context.close()
    return {"ms": elapsed, "ready": ready, **engine}


def engine_comparison(browser, tmp: Path, after_dir: Path, after_url: str) -> dict:
    """Before (BASELINE) and after, against the floor page, in one run."""
    worktree = tmp / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(worktree), BASELINE],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        (worktree / "node_modules").symlink_to(ROOT / "node_modules")
        before_dir = tmp / "site-before"
        port = site.free_port()
        before_url = f"http://127.0.0.1:{port}{site.SUB_PATH}"
        built = site.build_site(before_dir, before_url, root=worktree)
        if built.returncode:
            sys.exit(built.stderr)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT)
    server = site.serve(before_dir, port)
    pages = {
        "before": (before_url + TOOL, before_dir),
        "after": (after_url + TOOL, after_dir),
        "floor": (after_url + "assets/minimal/", after_dir),
    }
    tool_ready = "[data-status] p:has-text('can be turned into a summary')"
    done = {"before": tool_ready, "after": tool_ready, "floor": "#state:has-text('ready')"}
    results = {}
    for network_name, network in NETWORKS.items():
        for name, (url, site_dir) in pages.items():
            runs = [
                ready_once(browser, url, done[name], network, site_dir) for _ in range(ENGINE_RUNS)
            ]
            ready = [run["ms"] for run in runs if run["ready"]]
            results.setdefault(network_name, {})[name] = {
                "ready_ms": summary(ready) if ready else None,
                "gave_up_ms": [run["ms"] for run in runs if not run["ready"]],
                "engine_bytes": {key: runs[0][key] for key in ("br", "gz", "gzip_measured")},
            }
        floor = results[network_name]["floor"]["ready_ms"]["median"]
        for name in ("before", "after"):
            measured = results[network_name][name]["ready_ms"]
            results[network_name][name]["ratio_to_floor"] = (
                measured["median"] / floor if measured else None
            )
    server.shutdown()
    return results


def print_engine_comparison(comparison: dict) -> None:
    print()
    print(f"Engine before ({BASELINE}) and after issue 11, against the floor page")
    print(f"{'':40} {'before':>12} {'after':>12} {'floor':>12}")
    first = next(iter(comparison.values()))
    for key, label in (("br", "engine bytes, brotli"), ("gz", "engine bytes, gzip")):
        sizes = [first[name]["engine_bytes"][key] for name in ("before", "after", "floor")]
        print(f"{label:40} " + " ".join(f"{size:12,d}" for size in sizes))

    def shown(value, digits):
        return f"{'no summary':>12}" if value is None else f"{value:12.{digits}f}"

    for network_name, measured in comparison.items():
        medians = [
            measured[name]["ready_ms"] and measured[name]["ready_ms"]["median"]
            for name in ("before", "after", "floor")
        ]
        label = f"Python ready, {network_name} (ms)"
        print(f"{label:40} " + " ".join(shown(median, 0) for median in medians))
        ratios = [measured[name]["ratio_to_floor"] for name in ("before", "after")]
        print(f"{'  ratio to floor':40} " + " ".join(shown(ratio, 2) for ratio in ratios))
        for name in ("before", "after"):
            if measured[name]["gave_up_ms"]:
                times = ", ".join(f"{ms / 1000:.0f} s" for ms in measured[name]["gave_up_ms"])
                print(f"  {name}: gave up ('could not be prepared') at {times}")
    print(
        f"(median of {ENGINE_RUNS} cold runs each; "
        "goals: after <= 0.80 at 1.6 Mbit/s, <= 1.00 at 10 Mbit/s)"
    )


def engine_only() -> None:
    port = site.free_port()
    base = f"http://127.0.0.1:{port}{site.SUB_PATH}"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site_dir = build_with_floor_page(tmp, base)
        server = site.serve(site_dir, port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            comparison = engine_comparison(browser, tmp, site_dir, base)
            browser.close()
        server.shutdown()
    results_file = ROOT / "bench-results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    results["engine_before_after"] = comparison
    results_file.write_text(json.dumps(results, indent=2))
    print_engine_comparison(comparison)


def main() -> None:
    port = site.free_port()
    base = f"http://127.0.0.1:{port}{site.SUB_PATH}"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site_dir = build_with_floor_page(tmp, base)
        bare_material_site(tmp)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        ours, without_pdfs, bare = [], [], []
        for _ in range(3):
            ours.append(
                timed_build(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp / "timed")],
                    ROOT,
                    env,
                )
            )
            without_pdfs.append(
                timed_build(
                    [
                        sys.executable,
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-d",
                        str(tmp / "timed-no-pdf"),
                    ],
                    ROOT,
                    {**env, "MAWWSB_NO_PDF": "1"},
                )
            )
            bare.append(
                timed_build(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp / "timed-bare")],
                    tmp / "bare",
                    env,
                )
            )
        results["build_seconds"] = {
            "bilingual_site": summary(ours),
            "without_pdfs": summary(without_pdfs),
            "bare_material": summary(bare),
        }
        results["pdf_bytes"] = {
            language: (tmp / "timed" / site.language_root(language) / "protocol.pdf").stat().st_size
            for language in site.LANGUAGES
        }
        server = site.serve(site_dir, port)
        bare_server_port = site.free_port()
        bare_server = site.serve(tmp / "site" / "bare", bare_server_port)
        bare_url = f"http://127.0.0.1:{bare_server_port}{site.SUB_PATH}"
        tool_ready = "[data-status] p:has-text('can be turned into a summary')"
        minimal_ready = "#state:has-text('ready')"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            form, bare = [], []
            for _ in range(RUNS):
                form.append(measure_form_usable(browser, base + TOOL, "#joint-visit-yes"))
                bare.append(measure_form_usable(browser, bare_url, "article h1"))
            results["form_usable_ms"] = {"tool_page": summary(form), "bare_material": summary(bare)}
            results["content_page_bytes"] = {
                "site": transfer_bytes(browser, base + CONTENT_PAGE),
                "bare_material": transfer_bytes(browser, bare_url + CONTENT_PAGE),
            }
            results["lighthouse_performance_mobile"] = {
                "content_page": summary(
                    [lighthouse_performance(base + CONTENT_PAGE) for _ in range(3)]
                ),
                "tool_page": summary([lighthouse_performance(base + TOOL) for _ in range(3)]),
            }

            for mode in ("cold", "warm"):
                tool_times, minimal_times, long_tasks = [], [], []
                profiles = [tempfile.mkdtemp() for _ in range(2)]
                for _ in range(RUNS + (1 if mode == "warm" else 0)):
                    contexts = []
                    for profile, url, done, sink in (
                        (profiles[0], base + TOOL, tool_ready, tool_times),
                        (profiles[1], base + "assets/minimal/", minimal_ready, minimal_times),
                    ):
                        if mode == "cold":
                            context = browser.new_context()
                        else:
                            context = playwright.chromium.launch_persistent_context(
                                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
                            )
                        context.add_init_script(LONG_TASKS)
                        elapsed, tasks = measure_ready(context, url, done)
                        sink.append(elapsed)
                        if url.endswith(TOOL):
                            long_tasks.append(len(tasks))
                        contexts.append(context)
                    for context in contexts:
                        context.close()
                if mode == "warm":  # the first run only fills the cache
                    tool_times, minimal_times, long_tasks = (
                        tool_times[1:],
                        minimal_times[1:],
                        long_tasks[1:],
                    )
                results[f"python_ready_{mode}_ms"] = {
                    "tool_page": summary(tool_times),
                    "minimal_pyodide_page": summary(minimal_times),
                    "ratio_of_medians": statistics.median(tool_times)
                    / statistics.median(minimal_times),
                }
                results[f"long_tasks_{mode}"] = summary(long_tasks)

            page = browser.new_page()
            sizes = []
            page.on(
                "response", lambda r: sizes.append(len(r.body())) if "pyodide" in r.url else None
            )
            page.goto(base + "appendices/keeping-professionals-safe/", wait_until="networkidle")
            results["pyodide_bytes_on_page_without_tool"] = sum(sizes)
            results["engine_before_after"] = engine_comparison(browser, tmp, site_dir, base)
            browser.close()
        server.shutdown()
        bare_server.shutdown()

    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2))
    form = results["form_usable_ms"]
    print(f"{'measure':45} {'median':>9} {'range':>19}")
    size = results["content_page_bytes"]
    print(f"{'content page bytes, site':45} {size['site']:9d}")
    print(f"{'content page bytes, bare Material':45} {size['bare_material']:9d}")
    print(f"{'  ratio (goal <= 1.10)':45} {size['site'] / size['bare_material']:9.2f}")
    build = results["build_seconds"]

    def row(name, stats, digits=0):
        median, low, high = (f"{stats[key]:.{digits}f}" for key in ("median", "min", "max"))
        print(f"{name:45} {median:>9} {low:>9}–{high:<9}")

    row("form usable, tool page (ms)", form["tool_page"])
    row("form usable, bare Material page (ms)", form["bare_material"])
    row("full bilingual build (s)", build["bilingual_site"], digits=1)
    row("  of which without the two PDFs (s)", build["without_pdfs"], digits=1)
    row("bare Material build, same Markdown (s)", build["bare_material"], digits=1)
    for language, size in results["pdf_bytes"].items():
        print(f"{f'PDF bytes, {language}':45} {size:9d}")
    ratio = build["bilingual_site"]["median"] / build["bare_material"]["median"]
    print(f"{'  ratio (goal <= 1.5)':45} {ratio:9.2f}")
    lighthouse = results["lighthouse_performance_mobile"]
    row("Lighthouse performance (mobile), content page", lighthouse["content_page"])
    row("Lighthouse performance (mobile), tool page", lighthouse["tool_page"])
    ratio = form["tool_page"]["median"] / form["bare_material"]["median"]
    print(f"{'  ratio (goal <= 1.10)':45} {ratio:9.2f}")
    for mode in ("cold", "warm"):
        ready = results[f"python_ready_{mode}_ms"]
        row(f"Python ready {mode}, tool page (ms)", ready["tool_page"])
        row(f"Python ready {mode}, minimal Pyodide page (ms)", ready["minimal_pyodide_page"])
        print(f"{'  ratio (goal <= 1.15)':45} {ready['ratio_of_medians']:9.2f}")
        row(f"main-thread long tasks while loading, {mode}", results[f"long_tasks_{mode}"])
    engine_bytes = results["pyodide_bytes_on_page_without_tool"]
    print(f"{'Pyodide bytes on a page without a tool':45} {engine_bytes:9d}")
    print(f"({RUNS} runs each; JSON in bench-results.json)")
    print_engine_comparison(results["engine_before_after"])


if __name__ == "__main__":
    engine_only() if "--engine" in sys.argv[1:] else main()
