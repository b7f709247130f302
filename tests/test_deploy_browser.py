"""deploy/nginx.conf on Debian's nginx (installed by `make test`), serving the built site under
its sub-path over HTTPS, checked in Chromium: the headers (the policy with frame-ancestors,
HTTPS only, caching), the precompressed copies used, the engine's types, each language's 404
page, and a tool's summary with no console error. Only the lines a board must set (marked SET)
are changed, each exactly once."""

import http.client
import shutil
import ssl
import subprocess

import pytest
from playwright.sync_api import expect

from hooks.security import header_policy
from tests import site
from tests.test_browser import PageWatch

CONFIG = site.ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
MAIN = """load_module {brotli};
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  include {tmp}/site.conf;
}}
"""
IMMUTABLE = "public, max-age=31536000, immutable"


class Nginx:
    def __init__(self, site_dir, tmp):
        self.tmp = tmp
        self.http_port, self.https_port = site.free_port(), site.free_port()
        www = tmp / "www"
        www.mkdir()
        (www / site.SUB_PATH.strip("/")).symlink_to(site_dir)
        key, certificate = tmp / "key.pem", tmp / "cert.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
                *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)),
            ],
            check=True,
            capture_output=True,
        )
        config = CONFIG.read_text(encoding="utf-8")
        for line, ours in {
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{self.https_port} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "/etc/ssl/certs/www.example.org.pem": str(certificate),
            "/etc/ssl/private/www.example.org.key": str(key),
            "root /var/www/html;": f"root {www};",
        }.items():
            assert config.count(line) == 1, line
            config = config.replace(line, ours)
        (tmp / "site.conf").write_text(config, encoding="utf-8")
        (tmp / "main.conf").write_text(MAIN.format(tmp=tmp, brotli=BROTLI_MODULE))
        # Daemonised: when the command returns, nginx is listening.
        subprocess.run(self.command(), check=True, capture_output=True)
        self.base = f"https://127.0.0.1:{self.https_port}{site.SUB_PATH}"

    def command(self, *extra: str) -> list[str]:
        return ["nginx", "-p", str(self.tmp), "-c", str(self.tmp / "main.conf"), *extra]

    def stop(self):
        subprocess.run(self.command("-s", "stop"), check=False, capture_output=True)

    def get(self, path: str, encoding: str, https: bool = True):
        """A plain request (no browser): for what Chromium does not ask for."""
        if https:
            unverified = ssl._create_unverified_context()
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=unverified
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port)
        connection.request("GET", path, headers={"Accept-Encoding": encoding})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    assert shutil.which("nginx"), "nginx is missing: `make test` installs it"
    server = Nginx(site_dir, tmp_path_factory.mktemp("nginx"))
    yield server
    server.stop()


def test_nginx_serves_the_tools_with_the_headers_compression_and_types(browser, nginx):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    watch = PageWatch(page, nginx.base.split(site.SUB_PATH)[0])
    responses = {}
    page.on("response", lambda response: responses.setdefault(response.url, response))
    try:
        url = nginx.base + "tools/pre-visit-checklist/"
        document = page.goto(url)
        status = page.locator("[data-status]")
        expect(status).to_contain_text("can be turned into a summary", timeout=60_000)
        page.locator("[data-action=summary]").click()
        expect(status).to_contain_text("Your summary is ready.")
        headers = {name: document.headers.get(name) for name in DOCUMENT_HEADERS}
        files = {
            suffix: next(r.headers for u, r in responses.items() if u.endswith(suffix))
            for suffix in ("/pyodide.asm.wasm", "/pyodide.mjs", ".whl")
        }
        bundle = next(r.headers for u, r in responses.items() if "/bundle." in u)
    finally:
        context.close()
    assert headers == {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": "br",  # Chromium asks for brotli over HTTPS
        "content-security-policy": header_policy(),
        "strict-transport-security": "max-age=31536000",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cache-control": "no-cache",
    }
    wasm = files["/pyodide.asm.wasm"]
    assert (wasm["content-type"], wasm["content-encoding"]) == ("application/wasm", "br")
    assert files["/pyodide.mjs"]["content-type"].startswith("text/javascript")
    assert {wasm["cache-control"], files[".whl"]["cache-control"]} == {IMMUTABLE}
    assert bundle["cache-control"] == IMMUTABLE
    assert not watch.console_errors, watch.console_errors
    assert not watch.failed, watch.failed


@pytest.mark.parametrize("language", site.LANGUAGES)
def test_nginx_gives_each_language_its_own_not_found_page(browser, nginx, language):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    try:
        root = "" if language == "en" else "cy/"
        response = page.goto(f"{nginx.base}{root}no-such-page/")
        page_language = page.evaluate("() => document.documentElement.lang")
        policy = response.headers.get("content-security-policy")
    finally:
        context.close()
    assert (response.status, page_language, policy) == (404, language, header_policy())


def test_nginx_sends_gzip_where_brotli_is_not_accepted_and_only_https(nginx):
    gzip = nginx.get(site.SUB_PATH, "gzip")
    plain = nginx.get(site.SUB_PATH + "sections/definition", "gzip")
    insecure = nginx.get(site.SUB_PATH, "gzip", https=False)
    worker = nginx.get(site.SUB_PATH + "sw.js", "br")
    assert gzip.getheader("Content-Encoding") == "gzip"
    # A missing slash is added, keeping the address the reader used.
    assert (plain.status, plain.getheader("Location")) == (
        301,
        site.SUB_PATH + "sections/definition/",
    )
    assert (insecure.status, insecure.getheader("Location")) == (
        301,
        f"https://127.0.0.1{site.SUB_PATH}",
    )
    # The offline copy's worker is never cached unchecked: a new version must reach readers.
    assert worker.getheader("Cache-Control") == "no-cache"


DOCUMENT_HEADERS = (
    "content-type",
    "content-encoding",
    "content-security-policy",
    "strict-transport-security",
    "x-content-type-options",
    "referrer-policy",
    "cache-control",
)
