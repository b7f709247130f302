"""Screenshots of built pages at desktop and phone widths, for looking at changes by eye.

Usage: .venv/bin/python scripts/screenshots.py [--summary] OUT_DIR [PATH ...]
(paths below the site root). Builds the site under /protocol/, serves it on 127.0.0.1 and writes
OUT_DIR/<name>-<width>.png. With --summary, each tool page is filled in with its richest worked
example and shown with its summary.
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from tests import site
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

WIDTHS = (1280, 375)


def show_summary(page, path: str) -> None:
    from mawwsb_tools import load_spec
    from tests.test_tools_browser import FILL, example_notes, keyboard_examples

    tool = next((t for t in site.tool_ids() if path.rstrip("/").endswith(f"tools/{t}")), None)
    if tool is None:
        return
    spec = load_spec(tool)
    name = keyboard_examples(tool)[-1][1]
    example = next(e for e in spec.examples if e.name == name)
    page.wait_for_selector("[data-status] p:not(:has-text('…'))")
    page.evaluate(FILL, [example.answers, example_notes(spec), [dict(r) for r in example.plan]])
    page.click("[data-action=summary]")
    page.wait_for_selector("[data-results]:not([hidden])")


def main(out_dir: str, paths: list[str], summary: bool = False) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    port = site.free_port()
    base = f"http://127.0.0.1:{port}{site.SUB_PATH}"
    with tempfile.TemporaryDirectory() as tmp:
        result = site.build_site(Path(tmp) / "site", base)
        if result.returncode:
            sys.exit(result.stderr)
        server = site.serve(Path(tmp) / "site", port)
        paths = paths or [site.page_url_path(page) for page in site.markdown_pages()]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in paths:
                    page.goto(base + path)
                    page.wait_for_load_state("load")
                    if summary:
                        show_summary(page, path)
                    name = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=out / f"{name}-{width}.png", full_page=True)
                    if summary and page.locator("[data-results]:not([hidden])").count():
                        page.locator("[data-results]").screenshot(
                            path=out / f"{name}-summary-{width}.png"
                        )
                page.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    with_summary = "--summary" in arguments
    arguments = [a for a in arguments if a != "--summary"]
    main(arguments[0], arguments[1:], with_summary)
