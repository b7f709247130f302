"""WCAG 2.2 AA checks that axe does not make, in Chromium, on every page type in both languages:
reflow and 200% text (1.4.10, 1.4.4), target size (2.5.8), and focus that is visible and not hidden
behind the sticky header (2.4.7, 2.4.11)."""

import pytest

from tests import site
from tests.test_browser import (
    OVERFLOWING_ELEMENTS,
    hold_engine,
    open_page,
    serve_empty_search_index,
    settle,
)

PAGE_TYPES = {
    "home": "",
    "section": "sections/recognition-and-understanding/",
    "appendix": "appendices/keeping-professionals-safe/",
    "dissemination table": "dissemination/",
    "tools list": "tools/",
    # Every tool, found from its spec: a new tool is checked without touching this file.
    **{
        f"tool {tool_id}": site.page_url_path(site.tool_page(tool_id))
        for tool_id in site.tool_ids()
    },
}
CASES = [
    (name, ("cy/" if language == "cy" else "") + path)
    for name, path in PAGE_TYPES.items()
    for language in ("en", "cy")
]

# Interactive targets under 24 x 24 CSS px whose 24 px circle reaches another target's (2.5.8).
# Links inside running text are exempt ("inline"), as are hidden and off-screen elements.
SMALL_TARGETS = """() => {
  const targets = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, label[for], summary")]
    .filter((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden"
        && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        && box.right > 0 && box.bottom > 0 && box.left < innerWidth
        && !el.closest(".md-typeset p, .md-typeset li, .md-typeset td, .md-typeset dd, .md-typeset blockquote")
        && !(el.tagName === "INPUT" && el.labels && el.labels.length && el.type !== "text");
    });
  const centre = (box) => [box.left + box.width / 2, box.top + box.height / 2];
  const problems = [];
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (box.width >= 24 && box.height >= 24) continue;
    const [x, y] = centre(box);
    const crowded = targets.some((other) => {
      // A label and its own control are one target.
      if (other === el || other.contains(el) || el.contains(other)) return false;
      if (el.control === other || other.control === el) return false;
      const o = other.getBoundingClientRect();
      const nearestX = Math.max(o.left, Math.min(x, o.right));
      const nearestY = Math.max(o.top, Math.min(y, o.bottom));
      return Math.hypot(nearestX - x, nearestY - y) < 24;
    });
    const by = targets.find((other) => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      if (el.control === other || other.control === el) return false;
      const o = other.getBoundingClientRect();
      return Math.hypot(Math.max(o.left, Math.min(x, o.right)) - x, Math.max(o.top, Math.min(y, o.bottom)) - y) < 24;
    });
    if (crowded) problems.push(`near ${by && (by.tagName + " " + (by.id || by.textContent.trim().slice(0, 20)))}: ` + `${el.tagName} ${el.id || el.className || el.textContent.trim().slice(0, 30)} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return problems;
}"""

# The focused element is on screen, not under the sticky header, and has a visible outline.
FOCUS_CHECK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 10), 0), innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== "none";
  return {
    name: `${el.tagName} ${el.id || el.textContent.trim().slice(0, 30)}`,
    where: `${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}x${Math.round(box.height)} under ${onTop && (onTop.tagName + "." + onTop.className)}`,
    hidden: box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth
      || !(onTop && (el.contains(onTop) || onTop.contains(el) || (el.labels && [...el.labels].includes(onTop))
        // Material's open search dims the page with a translucent layer: dimmed, not hidden.
        || onTop.matches(".md-search__overlay"))),
    visible: outlined || shadowed || el.matches(".md-search__input"),
  };
}"""


TOOL_PATHS = {
    site.page_url_path(site.tool_page(tool_id), language)
    for tool_id in site.tool_ids()
    for language in site.LANGUAGES
}


def is_tool(path: str) -> bool:
    return path in TOOL_PATHS


def check_layout(page) -> dict:
    page.set_viewport_size({"width": 320, "height": 640})
    narrow = page.evaluate(OVERFLOWING_ELEMENTS)
    small = page.evaluate(SMALL_TARGETS)
    # 200% zoom on a 1280 px screen is a 640 px wide layout; text alone at 200% too.
    page.set_viewport_size({"width": 640, "height": 800})
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    zoomed = page.evaluate(OVERFLOWING_ELEMENTS)
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    return {"wider than 320 px": narrow, "wider at 200% text": zoomed, "small targets": small}


@pytest.mark.parametrize(("name", "path"), CASES, ids=lambda value: value)
def test_reflow_text_size_and_targets(browser, server, name, path):
    """Every page type; a tool page both before and after its summary is shown."""
    context, page, watch = open_page(browser, server, path, viewport={"width": 320, "height": 640})
    try:
        page.goto(server + path)
        if is_tool(path):
            # The form as the reader first sees it, while the engine loads.
            page.wait_for_selector("[data-action=summary]:not([hidden])")
        else:
            settle(page, watch)
        states = {"before": check_layout(page)}
        if is_tool(path):
            page.set_viewport_size({"width": 1280, "height": 800})
            page.locator(
                "[data-form] input[type=radio], [data-form] input[type=checkbox]"
            ).first.check()
            page.click("[data-action=summary]")
            page.wait_for_selector("[data-results]:not([hidden])")
            states["after results"] = check_layout(page)
    finally:
        context.close()
    problems = {
        f"{state}: {kind}": found
        for state, checks in states.items()
        for kind, found in checks.items()
        if found
    }
    assert not problems, problems


# One animation frame: the scrolling that moving the focus caused has been laid out.
AFTER_SCROLLING = "() => new Promise((done) => requestAnimationFrame(done))"


def settle_scrolling(page) -> None:
    """Wait until the page has scrolled the focused element into view."""
    page.evaluate(AFTER_SCROLLING)


@pytest.mark.parametrize(("name", "path"), CASES, ids=lambda value: value)
def test_focus_is_visible_and_not_hidden_by_the_header(browser, server, name, path):
    context, page, watch = open_page(browser, server, path, viewport={"width": 1280, "height": 720})
    hold_engine(context)  # focus needs the enhanced form and its buttons, not the engine
    serve_empty_search_index(context)  # nor the search index
    problems, seen = [], 0
    try:
        page.goto(server + path)
        if is_tool(path):
            page.wait_for_selector("[data-action=summary]:not([hidden])")
        else:
            settle(page, watch)
        for _ in range(80):
            page.keyboard.press("Tab")
            settle_scrolling(page)
            state = page.evaluate(FOCUS_CHECK)
            if state is None:
                continue
            seen += 1
            if state["hidden"] or not state["visible"]:
                problems.append(state)
    finally:
        context.close()
    assert seen > 10
    assert not problems, problems[:5]
