"""A PDF of the whole protocol in each language (protocol.pdf, cy/protocol.pdf), printed at build
time from its print page (hooks/print_page.py) by Debian's Chromium through Playwright.

Why Chromium: it prints the page exactly as the browser does, with the site's own print styles,
tagged (headings, lists and tables as structure) and with bookmarks from the headings, and the
tests already use it; WeasyPrint would need its own copy of the styles and Pango. Each page's
footer says, in the PDF's language, that a printed or downloaded copy is uncontrolled, where
the current version is, and the page number. Set MAWWSB_NO_PDF=1 to build without them (the
tests' throwaway copies of the project do).
"""

import html
import os
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

CHROMIUM = "/usr/bin/chromium"
FILE_NAME = "protocol.pdf"  # the same word in Welsh
SKIP = "MAWWSB_NO_PDF"
# The language the PDF declares (/Lang): the protocol is written in British English.
PDF_LANGUAGE = {"en": "en-GB", "cy": "cy"}
MARGIN = {"top": "16mm", "bottom": "22mm", "left": "16mm", "right": "16mm"}
FOOTER = (
    '<div style="font-size:7.5pt;width:100%;margin:0 16mm;display:flex;'
    'justify-content:space-between;gap:8mm;font-family:sans-serif">'
    '<span>{uncontrolled}</span><span style="white-space:nowrap">{page}</span></div>'
)


def footer(ui: dict[str, str], current: str) -> str:
    page = html.escape(ui["pdf_page"]).format(
        n='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
    )
    uncontrolled = html.escape(ui["pdf_uncontrolled"].format(url=current))
    return FOOTER.format(uncontrolled=uncontrolled, page=page)


def write_pdfs(site_dir: Path, site_url: str, strings: dict, root_of) -> None:
    if os.environ.get(SKIP):
        return
    if not Path(CHROMIUM).exists():
        raise PluginError(f"{CHROMIUM} is missing: `make build` installs it (the PDFs need it)")
    from playwright.sync_api import sync_playwright

    from scripts.serve import make_server

    server = make_server(site_dir, 0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for language, ui in strings.items():
                root = root_of(language)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/{root}print/")
                page.emulate_media(media="print")
                page.evaluate(
                    "code => { document.documentElement.lang = code; }", PDF_LANGUAGE[language]
                )
                page.pdf(
                    path=str(site_dir / root / FILE_NAME),
                    format="A4",
                    margin=MARGIN,
                    tagged=True,
                    outline=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer(ui, f"{site_url}{root}print/"),
                )
                page.close()
            browser.close()
    finally:
        server.shutdown()
