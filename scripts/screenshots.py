"""Screenshots of built pages at desktop and phone widths, for looking at changes by eye.

Usage: .venv/bin/python scripts/screenshots.py OUT_DIR [PATH ...]   (paths below the site root)
Builds the site under /protocol/, serves it on 127.0.0.1 and writes OUT_DIR/<name>-<width>.png.
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import site
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

WIDTHS = (1280, 375)


def main(out_dir: str, paths: list[str]) -> None:
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
                    page.goto(base + path, wait_until="networkidle")
                    name = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=out / f"{name}-{width}.png", full_page=True)
                page.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
