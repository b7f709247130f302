"""Search in each language (hooks/languages.py calls `finish` once both builds are done).

- One index per language: a Welsh page searches only Welsh pages, an English page only English.
- Each index names its own lunr plugin, which Material's worker loads from
  assets/javascripts/lunr/min/lunr.LANG.min.js: "en-gb" (word families by the Porter stemmer,
  query stop words) and "cy" (mutations, hunspell families, stop words). Material's worker
  loads no plugin for "en", and removes a language's trimmer, stop-word filter and stemmer
  unless config.pipeline names them, so each index names all three: the plugin owns its pipeline.
- The Welsh families: every word of the Welsh index is given to Welsh hunspell (`hunspell -s`,
  the techiaith dictionary from npm's dictionary-cy), and what it says of each word's stem is
  written into the built lunr.cy.min.js, with the endings it removed most often.
"""

import html
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
WELSH_DICTIONARY = ROOT / "node_modules" / "dictionary-cy" / "index"
WELSH_PLUGIN = Path("assets") / "javascripts" / "lunr" / "min" / "lunr.cy.min.js"
ENGLISH_PLUGIN = Path("assets") / "javascripts" / "lunr" / "min" / "lunr.en-gb.min.js"
ENGLISH_LANG = "en-gb"
# Nothing for Material's worker to remove: each plugin sets up its own pipeline.
WHOLE_PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
# The Welsh index: apostrophes split clitics (sy'n), hyphens do not split (the Welsh pipeline
# indexes aml-asiantaeth joined and split itself).
WELSH_SEARCH_SEPARATOR = r"[\s'’]+"
# Markers in lunr.cy.min.js that the built copy fills.
FAMILIES_MARKER = "/* families: hooks/search.py */ {}"
SUFFIXES_MARKER = "/* suffixes: hooks/search.py */ []"
# An ending hunspell removed this often from the text's words is used on query words the text
# lacks (teuluoedd when only teulu is in the text).
MIN_SUFFIX_COUNT = 3
MIN_SUFFIX_LENGTH = 2
MIN_STEM_LENGTH = 3
MIN_KEY_LENGTH = 4
# The plugin's own function words (never indexed, so never in a family).
WELSH_STOP_WORDS = re.compile(r"const STOP_WORDS = new Set\(\[(.*?)\]\);", re.S)


def finish(site_dir: Path, welsh_prefix: str) -> None:
    welsh = split_index(site_dir, welsh_prefix)[1]
    words = welsh_words(welsh["docs"])
    families = welsh_families(words, welsh_stop_words(site_dir))
    write_welsh_plugin(site_dir, families, common_suffixes(families))
    for plugin in (ENGLISH_PLUGIN, WELSH_PLUGIN):
        without_header(site_dir, plugin)


def without_header(site_dir: Path, plugin: Path) -> None:
    """The plugin as served: its opening comment (the why, for readers of the source) becomes a
    pointer to the source. Every page's search loads it."""
    path = site_dir / plugin
    if not path.is_file():
        raise PluginError(f"{path.name} is missing: search would have no plugin for its language")
    source = path.read_text(encoding="utf-8")
    if not source.startswith("/*") or "*/" not in source:
        raise PluginError(f"{path.name}: expected an opening comment")
    body = source[source.index("*/") + 2 :].lstrip()
    # Whole-line comments and indentation go too (no line of the plugins holds a string that
    # spans lines or starts with "//").
    lines = [line.strip() for line in body.splitlines()]
    body = "\n".join(line for line in lines if line and not line.startswith("//"))
    path.write_text(f"/* Source and notes: docs/{plugin.as_posix()} */\n{body}\n", encoding="utf-8")


def split_index(site_dir: Path, welsh_prefix: str) -> tuple[dict, dict]:
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    english_docs = [doc for doc in merged["docs"] if not doc["location"].startswith(welsh_prefix)]
    welsh_docs = [
        {**doc, "location": doc["location"][len(welsh_prefix) :]}
        for doc in merged["docs"]
        if doc["location"].startswith(welsh_prefix)
    ]
    if not english_docs or not welsh_docs:
        raise PluginError(f"{merged_path}: expected search entries in both languages")
    english = {
        **merged,
        "config": {**merged["config"], "lang": [ENGLISH_LANG], "pipeline": WHOLE_PIPELINE},
        "docs": english_docs,
    }
    welsh = {
        **merged,
        "config": {
            **merged["config"],
            "lang": ["cy"],
            "separator": WELSH_SEARCH_SEPARATOR,
            "pipeline": WHOLE_PIPELINE,
        },
        "docs": welsh_docs,
    }
    _write_json(merged_path, english)
    _write_json(site_dir / welsh_prefix / "search" / "search_index.json", welsh)
    return english, welsh


def fold(word: str) -> str:
    """As the plugin folds: lower case, no accents, one apostrophe."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def welsh_words(docs) -> list[str]:
    """The distinct words of the Welsh index, as the Welsh plugin's trimmer leaves them."""
    words = set()
    for doc in docs:
        text = html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc.get('text', '')}"))
        for token in re.split(WELSH_SEARCH_SEPARATOR, text):
            word = re.sub(r"^[\W_]+|[\W_]+$", "", token).lower()
            if word and not word[0].isdigit():
                words.add(word)
    return sorted(words)


def welsh_stop_words(site_dir: Path) -> set[str]:
    match = WELSH_STOP_WORDS.search((site_dir / WELSH_PLUGIN).read_text(encoding="utf-8"))
    if match is None:
        raise PluginError(f"{WELSH_PLUGIN}: its STOP_WORDS list was not found")
    return set(json.loads(f"[{match.group(1)}]"))


def hunspell_stems(words: list[str]) -> dict[str, set[str]]:
    if shutil.which("hunspell") is None:
        raise PluginError(
            "hunspell is not installed (`make build` installs it): Welsh search needs it"
        )
    if not WELSH_DICTIONARY.with_suffix(".dic").is_file():
        raise PluginError(f"{WELSH_DICTIONARY}.dic is missing (`npm ci` installs dictionary-cy)")
    result = subprocess.run(
        ["hunspell", "-d", str(WELSH_DICTIONARY), "-i", "utf-8", "-s"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    stems: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2:
            stems.setdefault(parts[0], set()).add(parts[1])
    return stems


def only_mutated(word: str, stem: str) -> bool:
    """The stem is the word with another initial (adael, gadael): the plugin's mutation rules
    already join those."""
    return any(word[i:] == stem[j:] and len(word) - i >= 2 for i in range(4) for j in range(4))


def welsh_families(words: list[str], stop_words: set[str]) -> dict[str, list[str]]:
    families: dict[str, set[str]] = {}
    for word, stems in hunspell_stems(words).items():
        key = fold(word)
        if key in stop_words or len(key) < MIN_KEY_LENGTH:
            continue
        for stem in map(fold, stems):
            if stem == key or stem in stop_words or len(stem) < MIN_STEM_LENGTH:
                continue
            if only_mutated(key, stem):
                continue
            families.setdefault(key, set()).add(stem)
    return {word: sorted(stems) for word, stems in sorted(families.items())}


def common_suffixes(families: dict[str, list[str]]) -> list[str]:
    counts = Counter(
        word[len(stem) :]
        for word, stems in families.items()
        for stem in stems
        if word.startswith(stem) and len(word) - len(stem) >= MIN_SUFFIX_LENGTH
    )
    common = [suffix for suffix, count in counts.items() if count >= MIN_SUFFIX_COUNT]
    return sorted(common, key=lambda suffix: (-len(suffix), suffix))


def write_welsh_plugin(site_dir: Path, families: dict, suffixes: list[str]) -> None:
    path = site_dir / WELSH_PLUGIN
    source = path.read_text(encoding="utf-8")
    for marker in (FAMILIES_MARKER, SUFFIXES_MARKER):
        if source.count(marker) != 1:
            raise PluginError(f"{WELSH_PLUGIN}: expected the marker {marker!r} once")
    data = {
        FAMILIES_MARKER: json.dumps(families, ensure_ascii=False, separators=(",", ":")),
        SUFFIXES_MARKER: json.dumps(suffixes, ensure_ascii=False, separators=(",", ":")),
    }
    for marker, value in data.items():
        source = source.replace(marker, value)
    path.write_text(source, encoding="utf-8")


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
