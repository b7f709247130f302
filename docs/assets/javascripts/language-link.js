// Keep the reader's place when switching language: the other language's page has the same
// heading ids, so the section anchor is carried over. Runs in the capture phase, before
// Material's own link handling; without JavaScript the link still opens the same page.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element && event.target.closest("a[data-language-link]");
    if (link && window.location.hash) {
      link.hash = window.location.hash;
    }
  },
  true,
);
