// Keep the reader's place when switching language: the other language's page has the same
// heading ids, so the section is carried over: the address's anchor if there is one, or else
// the last section heading the reader has scrolled to. Runs in the capture phase, before
// Material's own link handling; without JavaScript the link still opens the same page.
(() => {
  "use strict";

  // The heading of the section at the top of the window, below the sticky header.
  function sectionInView() {
    const header = document.querySelector(".md-header");
    const top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    let current = null;
    for (const heading of document.querySelectorAll("article :is(h2, h3, h4)[id]")) {
      if (heading.getBoundingClientRect().top > top) break;
      current = heading;
    }
    return current;
  }

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[data-language-link]");
      if (!link) return;
      if (window.location.hash) {
        link.hash = window.location.hash;
        return;
      }
      const heading = window.scrollY > 0 ? sectionInView() : null;
      if (heading) link.hash = `#${heading.id}`;
    },
    true,
  );
})();
