"""Every built page in real Chromium, served under a sub-path on 127.0.0.1.

Each page must load with no console error, no failed request, no request to another origin, no
Content-Security-Policy violation, nothing stored in the browser afterwards, no WCAG 2.x A/AA
violation reported by axe-core, and content that reflows into a 320 CSS px wide screen.
Pages are found from docs/, so a new page is covered without touching this file.
"""

import contextlib
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests import site

AXE = site.ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Recorded from before the page's first script: any Content-Security-Policy violation.
WATCH_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});"""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = site.all_page_urls()
# A missing page gets the site's own 404 page, in its language, which must also be clean.
NOT_FOUND = ("no-such-page/", "cy/no-such-page/")

STORAGE_SNAPSHOT = """async () => ({
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  indexedDB: (await indexedDB.databases()).map((db) => db.name),
  caches: await caches.keys(),
  cookie: document.cookie,
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
})"""


# Elements of the article that stick out past the viewport (hidden or scrolled either way).
OVERFLOWING_ELEMENTS = """() => [...document.querySelectorAll("article *")]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((el) => el.tagName + (el.id ? "#" + el.id : "")).slice(0, 5)"""


def axe_violations(page) -> list[str]:
    """WCAG 2.x A/AA violations found by axe-core (evaluated by the browser's debugger protocol,
    which the page's Content-Security-Policy does not restrict)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    # A fade still running (Material's back-to-top button as the page scrolls) is measured at
    # an in-between colour: let finite animations finish first, after two frames, so that one a
    # scroll has just set off has started.
    results = page.evaluate(
        """async (tags) => {
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          const finite = document.getAnimations().filter(
            (animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
          await Promise.all(finite.map((animation) => animation.finished.catch(() => null)));
          return await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        }""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}: "
        f"{v['nodes'][0].get('failureSummary', '')}"
        for v in results["violations"]
    ]


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations")


NOTHING_STORED = {
    "localStorage": [],
    "sessionStorage": [],
    "indexedDB": [],
    "caches": [],
    "cookie": "",
    "serviceWorkers": [],
}


class PageWatch:
    """Records what a page does on the network and the console while it loads."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("request", self._request)
        page.on("response", self._response)
        self.expected_status: dict[str, int] = {}
        # Requests not yet finished or failed, for settle().
        self.in_flight: set = set()
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))

    def _console(self, message):
        # Chromium logs every 4xx document as a console error; an expected one is not a fault.
        expected = message.location.get("url") in self.expected_status
        if message.type == "error" and not expected:
            self.console_errors.append(message.text)

    def _request(self, request):
        parsed = urlparse(request.url)
        if (
            parsed.scheme in ("http", "https")
            and f"{parsed.scheme}://{parsed.netloc}" != self.origin
        ):
            self.foreign.append(request.url)

    def _response(self, response):
        allowed = self.expected_status.get(response.url)
        if response.status >= 400 and response.status != allowed:
            self.failed.append(f"{response.status} {response.url}")


# A tool page says this once its engine has loaded (tools/mawwsb_tools/specs/common.toml).
ENGINE_READY = re.compile("can be turned into a summary|Gellir troi eich atebion")
# Material's search line once its index is loaded, before any query (per language).
SEARCH_READY = {"en": "Type to start searching", "cy": "Teipiwch i ddechrau chwilio"}


def settle(page, watch, engine: bool = True) -> None:
    """Wait until the page has loaded all it will load: a tool page until its engine is ready
    (it streams the engine), another page, or a tool page whose engine is held back
    (`engine=False`), until Material's search has its index and every other request the page
    made (the sitemaps Material reads, the favicon) has ended."""
    if engine and page.locator("[data-tool]").count():
        expect(page.locator("[data-status]")).to_contain_text(ENGINE_READY, timeout=60_000)
        return
    ready = "|".join(re.escape(text) for text in SEARCH_READY.values())
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(ready))
    while [request for request in watch.in_flight if not is_engine(request.url)]:
        # Only a request that fails lets this wait run out; the test then reports the failure.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_event("requestfinished", timeout=5_000)


def is_engine(url: str) -> bool:
    return "/assets/pyodide/" in url


def hold_engine(context) -> list:
    """Holds back every request for the engine, for tests that use a tool page without it:
    the form is enhanced and the page says the summary is being prepared, and no CPU goes on
    compiling Pyodide. The held requests end with the context."""
    held: list = []
    context.route("**/assets/pyodide/**", lambda route: held.append(route))
    return held


def serve_empty_search_index(context) -> None:
    """Each language's search index with no documents, for tests that load many pages and do
    not search: Material still sets its search up on every page, but builds no index (the Welsh
    one, with every word's family and mutations, takes a quarter of a second)."""

    def empty(route):
        response = route.fetch()
        route.fulfill(response=response, json={**response.json(), "docs": []})

    context.route("**/search/search_index.json", empty)


def open_page(browser, base_url: str, path: str, **context_options):
    context = browser.new_context(**context_options)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    origin = base_url.split(site.SUB_PATH)[0]
    watch = PageWatch(page, origin)
    return context, page, watch


# One page of each kind, served from an origin the build does not name (an intranet copy, a
# staging host): localhost instead of SITE_URL's 127.0.0.1.
ELSEWHERE = ["", "cy/appendices/keeping-professionals-safe/"]


@pytest.mark.parametrize("path", ELSEWHERE, ids=lambda p: p or "home")
def test_served_from_another_origin_the_page_is_clean(browser, server, path):
    elsewhere = server.replace("//127.0.0.1:", "//localhost:")
    context, page, watch = open_page(browser, elsewhere, path)
    try:
        response = page.goto(elsewhere + path)
        settle(page, watch)
        search_works = page.locator(".md-search-result__meta").count() == 1
    finally:
        context.close()
    assert response.status == 200 and search_works
    assert not watch.console_errors, watch.console_errors
    assert not watch.foreign, watch.foreign  # nothing from SITE_URL's origin, or any other
    assert not watch.failed, watch.failed


def leave_warnings(page) -> list[str]:
    """Follows the header's home link as a reader would and stays if the page warns: returns
    the dialogs shown (closing a page with its beforeunload dialog open crashed Chromium)."""
    shown = []

    def stay(dialog):
        shown.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    start = page.url
    with page.expect_event("dialog"):
        page.locator("a.md-header__button.md-logo").click()
    page.remove_listener("dialog", stay)
    assert page.url == start  # stayed
    return shown


@pytest.mark.parametrize("path", [*PAGES, *NOT_FOUND], ids=lambda p: p or "home")
def test_page_is_clean_private_and_accessible(browser, server, path):
    """Each page as it loads. A tool page's engine is held back: every tool, in both languages,
    loads its engine with no console error, failed or foreign request in
    tests/test_tools_browser.py (its worked examples), and with no policy violation in its
    keyboard tests. Search's index is fetched but not built: search is tested on its own."""
    context, page, watch = open_page(browser, server, path)
    hold_engine(context)
    serve_empty_search_index(context)
    url = server + path
    if path in NOT_FOUND:
        watch.expected_status[url] = 404
    try:
        response = page.goto(url)
        settle(page, watch, engine=False)
        assert response.status == (404 if path in NOT_FOUND else 200)
        violations = axe_violations(page)
        csp = csp_violations(page)
        storage = page.evaluate(STORAGE_SNAPSHOT)
        cookies = context.cookies()
        page.set_viewport_size({"width": 320, "height": 800})
        overflow = page.evaluate(OVERFLOWING_ELEMENTS)
    finally:
        context.close()

    assert not violations, "\n".join(violations)
    assert not csp, f"Content-Security-Policy violations: {csp}"
    assert not watch.console_errors, watch.console_errors
    # The held engine's requests end with the context.
    assert not [failure for failure in watch.failed if not is_engine(failure)], watch.failed
    assert not watch.foreign, watch.foreign
    assert not cookies, cookies
    assert not overflow, f"content wider than a 320px screen (WCAG 1.4.10): {overflow}"
    assert storage == NOTHING_STORED


def test_search_finds_a_section_and_stores_nothing(browser, server):
    context, page, watch = open_page(browser, server, "")
    try:
        page.goto(server)
        settle(page, watch)
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("disguised compliance")
        first = page.locator(".md-search-result__item a").first
        first.wait_for()
        results = page.locator(".md-search-result__item").all_inner_texts()
        first.click()
        page.wait_for_url(lambda address: address != server)
        settle(page, watch)
        storage = page.evaluate(STORAGE_SNAPSHOT)
    finally:
        context.close()
    assert any("disguised compliance" in text.casefold() for text in results), results
    assert not storage["localStorage"] and not storage["sessionStorage"], storage
    assert not watch.console_errors and not watch.failed and not watch.foreign


@pytest.mark.parametrize("width", [1280, 375])
def test_lists_and_tables_render_as_lists_and_tables(browser, server, width):
    context, page, _ = open_page(browser, server, "", viewport={"width": width, "height": 900})
    try:
        page.goto(server + "dissemination/")
        rows = page.locator("article table tbody tr").count()
        page.goto(server + "appendices/dealing-with-hostility-and-violence/")
        threats = page.locator("#threatening-behaviour + ul > li").count()
        page.goto(server + "sections/definition/")
        principles = page.locator("article ol > li").count()
    finally:
        context.close()
    assert rows == 3  # MAWWSB, All Partner Agencies; Partner Agencies (assurance)
    assert threats == 15
    assert principles == 5
