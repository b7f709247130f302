"""Save for offline use, in Chromium, against a server of its own that the tests stop to take
the network away: nothing is stored before the press (the browser sweep checks every page);
after it, with no network, the pages in both languages, search, the print page and a tool's
summary still work; a newer version is offered and taken on Reload; Remove leaves nothing;
and a press twice, a press offline, and storage refused leave nothing half-saved."""

import datetime
import os
import shutil

import pytest
from playwright.sync_api import expect

from hooks import offline
from hooks.languages import load_ui_strings
from macros.offline import offline_strings
from tests import site
from tests.test_browser import NOTHING_STORED, STORAGE_SNAPSHOT, open_page

STRINGS = load_ui_strings()
SAVED_STATE = """async () => ({
  caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
})"""


class Network:
    """The site's own server on a port of its own: `off()` takes the network away."""

    def __init__(self, site_dir, port):
        self.site_dir, self.port = site_dir, port
        self.base = f"http://127.0.0.1:{port}{site.SUB_PATH}"
        self.server = None
        self.on()

    def on(self):
        self.server = site.serve(self.site_dir, self.port)

    def off(self):
        self.server.shutdown()
        self.server.server_close()

    def close(self):
        if self.server is not None:
            self.off()
            self.server = None


@pytest.fixture
def network(site_dir):
    served = Network(site_dir, site.free_port())
    yield served
    served.close()


def strings(language: str) -> dict:
    return offline_strings(language, STRINGS[language])


def saved_line(language: str, tools: bool) -> str:
    words = strings(language)
    today = datetime.date.today()
    date = f"{today.day} {words['months'][today.month - 1]} {today.year}"
    line = words["saved"].format(edition=words["edition"], date=date)
    return f"{line} {words['saved_tools']}" if tools else line


def status(page):
    return page.locator("[data-offline-status]")


def press_save(page, tools: bool = False):
    if tools:
        page.locator("[data-offline-tools]").check()
    page.locator("[data-offline-save]").click()


# The engine as the page fetches it: its length, and whether it is WebAssembly.
FETCH_ENGINE = """async (url) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return [bytes.length, String.fromCharCode(...bytes.slice(1, 4))];
}"""


def test_saved_by_choice_then_read_offline_in_both_languages_then_removed(
    browser, site_dir, tmp_path
):
    served = tmp_path / "served"  # hard links: a file replaced here is not replaced in site_dir
    shutil.copytree(site_dir, served, copy_function=os.link)
    network = Network(served, site.free_port())
    context, page, watch = open_page(browser, network.base, "")
    try:
        page.goto(network.base + "tools/")
        before = page.evaluate(STORAGE_SNAPSHOT)
        press_save(page, tools=True)
        expect(status(page)).to_have_text(saved_line("en", tools=True), timeout=60_000)
        saved = page.evaluate(SAVED_STATE)

        # A saved file named by its content is used at once, never downloaded again (on weak
        # signal the download would start within the timeout, then crawl): the server's copy
        # is broken here, and the page still gets the engine.
        wasm = next(served.glob("assets/pyodide/*/pyodide.asm.wasm"))
        for suffix in ("", ".br", ".gz"):
            wasm.with_name(wasm.name + suffix).unlink()
        wasm.write_bytes(b"not the engine")
        engine_url = network.base + wasm.relative_to(served).as_posix()
        engine = page.evaluate(FETCH_ENGINE, engine_url)

        network.off()
        pages = {}
        for path in ("sections/definition/", "cy/sections/definition/", "print/"):
            response = page.goto(network.base + path)
            notice = page.locator(".mawwsb-offline-notice--saved")
            expect(notice).to_be_visible()
            pages[path] = (response.status, notice.inner_text())
        # Search, from the saved index.
        page.goto(network.base + "sections/definition/")
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("disguised compliance")
        found = page.locator(".md-search-result__item").filter(has_text="Disguised compliance")
        expect(found.first).to_be_visible()
        # A tool, with its saved engine.
        page.goto(network.base + "tools/pre-visit-checklist/")
        expect(page.locator("[data-status]")).to_contain_text(
            "can be turned into a summary", timeout=60_000
        )
        page.locator("[data-action=summary]").click()
        expect(page.locator("[data-status]")).to_contain_text("Your summary is ready.")
        summary = page.locator("[data-results] h2").first.inner_text()

        network.on()
        page.goto(network.base)
        expect(status(page)).to_have_text(saved_line("en", tools=True))
        page.locator("[data-offline-remove]").click()
        expect(status(page)).to_have_text(strings("en")["removed"])
        # The worker still serves this page until it is left: it must not save anything again.
        page.evaluate("async (url) => (await fetch(url)).ok", network.base + "protocol.pdf")
        removed = page.evaluate(SAVED_STATE)
    finally:
        context.close()
        network.close()

    assert before == NOTHING_STORED
    assert engine == [(site_dir / wasm.relative_to(served)).stat().st_size, "asm"]
    assert len(saved["caches"]) == 1 and saved["caches"][0].endswith("-tools")
    assert saved["workers"] == [network.base]
    reading = {language: strings(language)["reading_saved"] for language in site.LANGUAGES}
    for path, (code, text) in pages.items():
        language = "cy" if path.startswith("cy/") else "en"
        words = strings(language)
        start = reading[language].split("{edition}")[0]
        assert code == 200 and text.startswith(start), (path, text)
        assert words["edition"] in text
    assert summary
    assert removed == {"caches": [], "workers": []}
    assert not watch.console_errors, watch.console_errors


def second_version(site_dir, tmp_path):
    """The built site, with one page changed and its worker written again by the build's own
    step (hooks/offline.py), as the next build of an amended protocol would be. A copy of hard
    links: each changed file is replaced, never written through."""
    copy = tmp_path / "second"
    shutil.copytree(site_dir, copy, copy_function=os.link)
    page = copy / "sections" / "definition" / "index.html"
    html = page.read_text(encoding="utf-8")
    for path in (page, copy / offline.WORKER):
        for suffix in ("", ".br", ".gz"):
            path.with_name(path.name + suffix).unlink()
    page.write_text(html.replace("</h1>", f"</h1>{AMENDED}", 1), encoding="utf-8")
    return copy, offline.write_service_worker(copy, STRINGS, panel=False)


AMENDED = '<p id="amended-for-the-test">Amended for the test.</p>'


def test_a_newer_version_is_offered_and_taken_on_reload(browser, site_dir, tmp_path):
    current = tmp_path / "current"
    current.symlink_to(site_dir)
    second, second_version_id = second_version(site_dir, tmp_path)
    network = Network(current, site.free_port())
    context, page, watch = open_page(browser, network.base, "")
    try:
        page.goto(network.base)
        press_save(page)
        expect(status(page)).to_have_text(saved_line("en", tools=False), timeout=60_000)

        current.unlink()
        current.symlink_to(second)
        page.goto(network.base + "sections/definition/")
        newer = page.locator(".mawwsb-offline-notice--newer")
        expect(newer).to_have_text(strings("en")["newer"] + strings("en")["reload"])
        with page.expect_navigation():
            newer.get_by_role("button").click()
        expect(page.locator("#amended-for-the-test")).to_be_visible()
        expect(newer).to_have_count(0)
        state = page.evaluate(SAVED_STATE)

        network.off()
        page.goto(network.base + "sections/definition/")
        # The network is tried first, for up to 3 s: on a busy machine the notice takes longer.
        expect(page.locator(".mawwsb-offline-notice--saved")).to_be_visible(timeout=15_000)
        saved_copy_is_new = page.locator("#amended-for-the-test").count() == 1
    finally:
        context.close()
        network.close()
    assert state == {"caches": [f"mawwsb-offline-{second_version_id}"], "workers": [network.base]}
    assert saved_copy_is_new
    assert not watch.console_errors, watch.console_errors


@pytest.mark.parametrize("case", ["pressed twice", "pressed offline", "storage refused"])
def test_a_failed_or_repeated_save_leaves_nothing_half_saved(browser, network, case):
    context, page, _ = open_page(browser, network.base, "")
    try:
        page.goto(network.base + "cy/")
        words = strings("cy")
        if case == "pressed twice":
            page.locator("[data-offline-save]").evaluate(
                "(button) => { button.click(); button.click(); }"
            )
            expect(status(page)).to_have_text(saved_line("cy", tools=False), timeout=60_000)
            page.locator("[data-offline-save]").click()  # once more, now that it is saved
            expected = saved_line("cy", tools=False)
        elif case == "pressed offline":
            network.off()
            press_save(page)
            expected = words["failed_network"]
        else:
            cdp = context.new_cdp_session(page)
            origin = network.base.split(site.SUB_PATH)[0]
            cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 200_000})
            press_save(page)
            expected = words["failed_quota"]
        expect(status(page)).to_have_text(expected, timeout=60_000)
        expect(page.locator("[data-offline-save]")).to_be_enabled()
        state = page.evaluate(SAVED_STATE)
    finally:
        context.close()
    if case == "pressed twice":
        assert len(state["caches"]) == 1 and state["workers"] == [network.base]
    else:
        assert state == {"caches": [], "workers": []}
