// The offline copy's precache manifest, by workbox-build's getManifest (hooks/offline.py runs
// this at build time). Reads {directory, groups: {name: {patterns, ignores}}} as JSON on stdin;
// prints {name: {entries: [{url, revision, size}], size}}. The per-file limit is raised: the
// engine's WebAssembly is larger than workbox's default 2 MiB and would silently be left out.
import { getManifest } from "workbox-build";

const MAX_FILE_BYTES = 64 * 1024 * 1024;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { directory, groups } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const result = {};
for (const [name, { patterns, ignores }] of Object.entries(groups)) {
  const sizes = new Map();
  const { manifestEntries, size, warnings } = await getManifest({
    globDirectory: directory,
    globPatterns: patterns,
    globIgnores: ignores,
    maximumFileSizeToCacheInBytes: MAX_FILE_BYTES,
    manifestTransforms: [
      async (entries) => {
        for (const entry of entries) sizes.set(entry.url, entry.size);
        return { manifest: entries, warnings: [] };
      },
    ],
  });
  if (warnings.length) {
    console.error(warnings.join("\n"));
    process.exit(1);
  }
  result[name] = {
    entries: manifestEntries.map(({ url, revision }) => ({ url, revision, size: sizes.get(url) })),
    size,
  };
}
process.stdout.write(JSON.stringify(result));
