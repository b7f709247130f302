// Lighthouse over many pages with one Chromium (npm lighthouse's Node API, Debian's Chromium):
//   node tests/lighthouse_runner.mjs CATEGORIES URL...   (CATEGORIES: comma-separated)
// Prints one JSON line per page: {url, scores, failing}. Starting Chromium once for all pages,
// instead of once per page, is most of what makes this fast.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// Nothing here is timed (speed is `make bench`'s), so Lighthouse need not wait for the page to
// be quiet for seconds before it collects what it audits.
const QUICK = {
  extends: "lighthouse:default",
  settings: {
    pauseAfterFcpMs: 1,
    pauseAfterLoadMs: 1,
    networkQuietThresholdMs: 100,
    cpuQuietThresholdMs: 100,
  },
};

const [categories, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: (process.env.CHROME_FLAGS || "").split(" ").filter(Boolean),
});
try {
  for (const url of urls) {
    const started = Date.now();
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: process.env.LH_LOG || "error",
      onlyCategories: categories.split(","),
      formFactor: "desktop",
      screenEmulation: { disabled: true },
      disableFullPageScreenshot: true,
    }, QUICK);
    const scores = Object.fromEntries(
      Object.entries(lhr.categories).map(([id, category]) => [id, category.score]),
    );
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode))
      .map((a) => `${a.id}: ${a.title}`);
    console.log(JSON.stringify({ url, scores, failing, ms: Date.now() - started }));
  }
} finally {
  await chrome.kill();
}
