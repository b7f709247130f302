"""The deployment kit's files (deploy/): every host's configuration sends the same
Content-Security-Policy header, with frame-ancestors, as hooks/security.py defines it, the
HTTPS-only headers, the engine's types, each language's 404 page, the precompressed copies with
their encoding, and long caching for exactly the files whose names carry a content hash.
deploy/nginx.conf is also run, in tests/test_deploy_browser.py."""

import re
import xml.etree.ElementTree as ElementTree

import pytest

from hooks.security import header_policy
from tests import site

DEPLOY = site.ROOT / "deploy"
FILES = ["nginx.conf", ".htaccess", "web.config", "_headers"]
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def text(name: str) -> str:
    return (DEPLOY / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FILES)
def test_every_host_sends_the_same_policy_and_https_only_headers(name):
    config = text(name)
    assert config.count(header_policy()) == 1
    assert "frame-ancestors" in header_policy()
    for header, value in HEADERS.items():
        found = rf"{header}\W+(value=\W)?{re.escape(value)}"
        assert re.search(found, config, re.IGNORECASE), header


def test_apache_sets_types_404_pages_and_the_compressed_copies():
    config = text(".htaccess")
    for line in (
        "AddType application/wasm .wasm",
        "AddType text/javascript .js .mjs",
        "ErrorDocument 404 /protocol/404.html",
        "ErrorDocument 404 /protocol/cy/404.html",
        "RewriteRule ^(.+)$ $1.br [L]",
        "RewriteRule ^(.+)$ $1.gz [L]",
        "Header set Content-Encoding br",
        "Header set Content-Encoding gzip",
        "RewriteRule \\.wasm\\.(br|gz)$ - [T=application/wasm,E=no-gzip:1,E=no-brotli:1]",
        "RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]",
    ):
        assert line in config, line


def test_iis_sets_types_404_pages_and_the_compressed_copies():
    root = ElementTree.fromstring(text("web.config"))
    types = {m.get("fileExtension"): m.get("mimeType") for m in root.iter("mimeMap")}
    assert types[".wasm"] == "application/wasm" and types[".mjs"] == "text/javascript"
    errors = {
        (location.get("path") if location is not root else None): error.get("path")
        for location in [root, *root.iter("location")]
        for error in location.findall("./system.webServer/httpErrors/error")
    }
    assert errors == {None: "/protocol/404.html", "cy": "/protocol/cy/404.html"}
    rewrites = {rule.get("name"): rule for rule in root.iter("rule")}
    assert rewrites["Brotli encoding"].find("action").get("value") == "br"
    assert rewrites["Type: wasm"].find("action").get("value") == "application/wasm"
    assert rewrites["HTTPS only"].find("action").get("type") == "Redirect"


def test_static_hosts_have_the_welsh_404_page():
    assert "/cy/*  /cy/404.html  404" in text("_redirects")


def immutable_patterns() -> dict[str, list[str]]:
    nginx = re.search(r"map \$uri \$mawwsb_cache_control \{(.*?)\n\}", text("nginx.conf"), re.S)
    lines = re.findall(r'^\s*"?~([^"\s]+)"?\s+"([^"]+)";', nginx.group(1), re.M)
    apache = re.search(r'<If "%\{REQUEST_URI\} =~ m#(.+?)# &&', text(".htaccess")).group(1)
    iis = ElementTree.fromstring(text("web.config"))
    hashed = next(p for p in iis.iter("preCondition") if p.get("name") == "Hashed file")
    return {"nginx": lines, "apache": [apache], "iis": [hashed[0].get("pattern")]}


# Files the build names by their content (a new build, new names), and files it does not.
HASHED = [
    "assets/pyodide/314.0.7-565a8debd60c/pyodide.asm.wasm",
    "assets/tools/mawwsb_tools-0.1.0+6f0f3dac7f16-py3-none-any.whl",
    "assets/tools/specs/pre-visit-checklist.0123abcd4567.json",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
]
NOT_HASHED = [
    "",
    "index.html",
    "sections/definition/",
    "cy/tools/pre-visit-checklist/",
    "sw.js",
    "assets/tools/manifest.json",
    "assets/stylesheets/site.css",
    "assets/javascripts/tools.js",
    "search/search_index.json",
    "protocol.pdf",
]


def immutable(host: str, patterns, url: str) -> bool:
    path = site.SUB_PATH + url
    if host == "nginx":  # the first matching line wins
        for pattern, value in patterns:
            if re.search(pattern, path):
                return value.endswith("immutable")
        return False
    return bool(re.search(patterns[0], path)) and "manifest.json" not in path


def test_only_files_named_by_their_content_are_cached_for_a_year():
    for host, patterns in immutable_patterns().items():
        assert [url for url in HASHED if not immutable(host, patterns, url)] == [], host
        assert [url for url in NOT_HASHED if immutable(host, patterns, url)] == [], host
