"""Searching the built site through Material's own search worker, in Chromium.

A page of the language is opened; in it, Material's worker script (the one the page's
`__config` names) is started with the language's index, as Material's bundle starts it, and
each query is sent as Material's search box sends it. The answer is the locations of the
documents found, best first, grouped by page as Material lists them.
"""

from tests import site

# Material's worker messages: SETUP 0 -> READY 1, QUERY 2 -> RESULT 3.
SEARCH_IN_WORKER = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const reply = () => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
  });
  let next = reply();
  worker.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  if ((await next).type !== 1) throw new Error("the search worker did not get ready");
  const answers = {};
  for (const query of queries) {
    next = reply();
    worker.postMessage({ type: 2, data: query });
    const message = await next;
    answers[query] = message.data.items.map((group) => group.map((item) => item.location));
  }
  worker.terminate();
  return answers;
}"""


def search_pages(browser, server: str, language: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query's result pages in Material's order (site paths, e.g. 'cy/sections/purpose/')."""
    context = browser.new_context()
    errors = []
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type in ("error", "warning") and errors.append(message.text),
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server + site.language_root(language))
        answers = page.evaluate(SEARCH_IN_WORKER, queries)
    finally:
        context.close()
    assert not errors, errors
    root = site.language_root(language)
    return {
        query: [root + groups[0].split("#")[0] for groups in groups_list]
        for query, groups_list in answers.items()
    }
