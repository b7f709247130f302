"""Two languages, one site (static-i18n builds each language; hooks/pipeline.py calls these).

- Gives each language build its interface strings (i18n/ui.yml) as `config.extra.ui`.
- Points each Welsh page's search at the Welsh index (`search_base`).
- After both builds: one search index per language (hooks/search.py), and one sitemap per
  language, with hreflang pairs.
"""

import gzip
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from mkdocs.exceptions import PluginError

from hooks import search

ROOT = Path(__file__).resolve().parent.parent
UI_STRINGS = ROOT / "i18n" / "ui.yml"
LANGUAGES = ("en", "cy")
DEFAULT_LANGUAGE = "en"


def load_ui_strings(path: Path = UI_STRINGS) -> dict[str, dict[str, str]]:
    """Strings by language; fails with the file and the key when a translation is missing."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_language: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for key, translations in entries.items():
        for language in LANGUAGES:
            value = (translations or {}).get(language)
            if not isinstance(value, str) or not value.strip():
                raise PluginError(f"{path}: '{key}' has no {language} string")
            by_language[language][key] = value
    return by_language


def language_root(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def configure(config) -> None:
    """The build's language (static-i18n has set theme.language) and its strings."""
    language = config.theme["language"]
    if language not in LANGUAGES:
        raise PluginError(f"mkdocs.yml: theme.language '{language}' is not one of {LANGUAGES}")
    site_url = config.site_url or "/"
    config.extra["ui"] = load_ui_strings()[language]
    config.extra["language"] = language
    config.extra["language_homes"] = {code: site_url + language_root(code) for code in LANGUAGES}
    config.extra["language_root"] = language_root(language)
    # `extra.alternate` is true but not a list: Material's header then includes the language
    # link (overrides/partials/alternate.html: `{% if config.extra.alternate %}`), while its
    # head renders no <link rel="alternate"> (`is iterable`). From those links Material would
    # fetch sitemap.xml at SITE_URL, which fails, with two console errors, wherever the site is
    # served from another origin. The hreflang pairs are in each language's sitemap.xml, and
    # the language link names its language with hreflang (tests/test_theme_assumptions.py).
    config.extra["alternate"] = True


def permalink_titles(html: str, language: str, english_title: str, title: str) -> str:
    """Each heading's permalink titled in the page's language (`title`; the toc extension has
    one title for every language, mkdocs.yml's English one)."""
    if language == DEFAULT_LANGUAGE or not english_title:
        return html
    title = title.replace("&", "&amp;").replace('"', "&quot;")
    return html.replace(f'title="{english_title}"', f'title="{title}"')


# Material's page configuration: a JSON block whose "base" is the site root, from which its
# search finds search/search_index.json (checked by tests/test_theme_assumptions.py).
MATERIAL_CONFIG = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)


def search_base(html: str, language: str, where: str) -> str:
    """On a Welsh page, Material's search base is the Welsh home, so it loads the Welsh index."""
    if language == DEFAULT_LANGUAGE:
        return html
    match = MATERIAL_CONFIG.search(html)
    if match is None:
        raise PluginError(f"{where}: Material's __config block was not found (theme changed?)")
    settings = json.loads(match.group(2))
    if "base" not in settings:
        raise PluginError(f"{where}: Material's __config has no 'base' (theme changed?)")
    settings["base"] = settings["base"].rstrip("/") + "/" + language_root(language)
    block = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    # Escaped as Jinja's tojson escapes it, so nothing in it can end the <script> block.
    for character, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("'", "\\u0027"),
    ):
        block = block.replace(character, escaped)
    return html[: match.start(2)] + block + html[match.end(2) :]


def place_not_found_pages(site_dir: Path, pages: dict[str, str]) -> None:
    """Each language keeps its own 404 page: /404.html in English, /cy/404.html in Welsh.
    (static-i18n writes every language's to /404.html; the pipeline kept each one.)"""
    for language in LANGUAGES:
        if language not in pages:
            raise PluginError(f"no 404 page was rendered for '{language}'")
        target = site_dir / language_root(language) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages[language], encoding="utf-8")


def finish(site_dir: Path, site_url: str) -> None:
    search.finish(site_dir, language_root("cy"))
    write_sitemaps(site_dir, site_url)


def page_paths(site_dir: Path, language: str) -> list[str]:
    """Paths of a language's pages below that language's home ('' is the home page)."""
    root = site_dir / language_root(language)
    paths = []
    for index in sorted(root.rglob("index.html")):
        relative = index.parent.relative_to(root).as_posix()
        if language == DEFAULT_LANGUAGE and relative.split("/")[0] in LANGUAGES:
            continue  # another language's tree
        paths.append("" if relative == "." else f"{relative}/")
    return paths


def write_sitemaps(site_dir: Path, site_url: str) -> None:
    pages = {language: page_paths(site_dir, language) for language in LANGUAGES}
    if pages["en"] != pages["cy"]:
        missing = sorted(set(pages["en"]) ^ set(pages["cy"]))
        raise PluginError(f"pages not built in both languages: {missing}")
    for language in LANGUAGES:
        entries = []
        for path in pages[language]:
            alternates = "".join(
                f'<xhtml:link rel="alternate" hreflang="{other}" '
                f'href="{escape(site_url + language_root(other) + path)}"/>'
                for other in LANGUAGES
            )
            location = escape(site_url + language_root(language) + path)
            entries.append(f"<url><loc>{location}</loc>{alternates}</url>")
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
        )
        target = site_dir / language_root(language) / "sitemap.xml"
        target.write_text(xml, encoding="utf-8")
        with gzip.open(target.with_suffix(".xml.gz"), "wb") as compressed:
            compressed.write(xml.encode("utf-8"))
