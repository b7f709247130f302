"""Spelling checks with hunspell: Welsh (techiaith dictionary, npm dictionary-cy) and en-GB.

Usage as a command, for translators: .venv/bin/python -m tests.spelling cy docs/page.cy.md …
prints each file's rate of unknown words and the unknown words themselves.
"""

import re
import subprocess
from collections import Counter
from pathlib import Path

import markdown

from tests.html_text import article_text

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
DICTIONARIES = {
    # LGPL-3.0: a test-time dependency only, never copied into the site.
    "cy": ROOT / "node_modules" / "dictionary-cy" / "index",
    "en": Path("/usr/share/hunspell/en_GB"),
}
WORD_LISTS = {"cy": HERE / "words-cy.txt", "en": HERE / "words-en.txt"}
# Clitics after an apostrophe: Welsh sy'n = sy + yn, i'r = i + yr; English possessive 's.
CLITICS = {
    "cy": re.compile(r"(?<=[^\W\d_])['’](?:n|r|i|u|ch|m|w|th)\b", re.IGNORECASE),
    "en": re.compile(r"(?<=[^\W\d_])['’]s\b", re.IGNORECASE),
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
URL = re.compile(r"https?://\S+")


def words_of(text: str, language: str) -> list[str]:
    text = CLITICS[language].sub(" ", URL.sub(" ", text))
    return WORD.findall(text)


def project_words(language: str) -> set[str]:
    """The reviewed word list: one word a line; '#' starts a comment."""
    lines = WORD_LISTS[language].read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


def unknown_words(text: str, language: str) -> tuple[Counter, int]:
    """Words hunspell does not know (minus the project list), and how many words were checked."""
    words = words_of(text, language)
    result = subprocess.run(
        ["hunspell", "-d", str(DICTIONARIES[language]), "-i", "utf-8", "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=True,
    )
    allowed = project_words(language)
    unknown = Counter(
        word
        for word in result.stdout.split()
        if word not in allowed and word.lower() not in allowed
    )
    return unknown, len(words)


def markdown_text(path: Path) -> str:
    source = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    source = re.sub(r"\{\s*:?\s*#[^}]*\}", "", source)
    source = re.sub(r"\{\{.*?\}\}", "", source)
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables"])
    return article_text(f"<article>{html}</article>", skip_other_languages=True)


def main(language: str, paths: list[str]) -> None:
    for name in paths:
        unknown, total = unknown_words(markdown_text(Path(name)), language)
        rate = 100 * sum(unknown.values()) / max(total, 1)
        print(f"{name}: {rate:.2f}% unknown of {total} words: {dict(unknown.most_common())}")
