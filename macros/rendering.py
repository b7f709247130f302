"""One Jinja environment with autoescaping for every build-time template.

HTML is never assembled in f-strings: templates live in macros/templates/.
"""

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def relative_home(page_url_path: str, language_root: str) -> str:
    """Relative path from a page to its language's home ('../../' for 'tools/x/')."""
    path = page_url_path.removeprefix(language_root)
    return "../" * path.count("/") or "./"


def render(template: str, **context) -> str:
    # Markdown treats indented lines as code blocks: return one block of HTML without blank lines.
    html = _environment.get_template(template).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
