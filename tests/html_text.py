"""Small readers for built HTML pages, on the standard library's HTML parser."""

from html.parser import HTMLParser

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


# Elements inside a line of text: the text on either side of their tags runs on, unspaced
# ("(See Appendix 5)", a glossary link inside "(the rule of optimism)").
_INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "time"}


class _ArticleText(HTMLParser):
    """Visible text of the page's article, without the headings' permalink symbols."""

    def __init__(self, skip_other_languages: bool = False):
        super().__init__(convert_charrefs=True)
        self.skip_other_languages = skip_other_languages
        self.depth = 0  # nesting inside <article>
        self.skip_depth = 0  # nesting inside something not shown as text
        self.parts: list[str] = []
        self.ordered_lists: list[int] = []  # item counters of the open <ol>s; <ul> pushes -1
        self.run_on = False  # the next text continues the last part (after an inline tag)

    def handle_starttag(self, tag, attrs):
        self.run_on = tag in _INLINE
        if tag in _VOID:
            return
        attributes = dict(attrs)
        if self.depth and not self.skip_depth:
            self._list_marker(tag, attributes)
        classes = (attributes.get("class") or "").split()
        if self.depth:
            self.depth += 1
            # Another language's words, or what is not words of any (translate="no": code).
            other_language = self.skip_other_languages and (
                attributes.get("lang") or attributes.get("translate") == "no"
            )
            if (
                self.skip_depth
                or other_language
                or "headerlink" in classes
                or tag in ("script", "style")
            ):
                self.skip_depth += 1
        elif tag == "article":
            self.depth = 1

    def _list_marker(self, tag, attributes):
        """An ordered list's numbers are visible text, drawn by the browser, not in the HTML."""
        if tag == "ol":
            self.ordered_lists.append(int(attributes.get("start") or 1) - 1)
        elif tag == "ul":
            self.ordered_lists.append(-1)
        elif tag == "li" and self.ordered_lists and self.ordered_lists[-1] >= 0:
            self.ordered_lists[-1] += 1
            self.parts.append(f"{self.ordered_lists[-1]}.")

    def handle_endtag(self, tag):
        self.run_on = tag in _INLINE
        if tag in _VOID or not self.depth:
            return
        if tag in ("ol", "ul") and self.ordered_lists and not self.skip_depth:
            self.ordered_lists.pop()
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip_depth:
            if self.run_on and self.parts:
                self.parts[-1] += data
            else:
                self.parts.append(data)
            self.run_on = False


def article_text(html: str, skip_other_languages: bool = False) -> str:
    """The article's visible text; optionally without passages marked as another language."""
    parser = _ArticleText(skip_other_languages)
    parser.feed(html)
    return " ".join(parser.parts)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        for name in ("src", "href"):
            if tag != "a" and attributes.get(name):
                self.resources.append((tag, attributes[name]))


def collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector
