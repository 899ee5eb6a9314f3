// Angular's build writes at most ten `<link rel="modulepreload">` into index.html, so the largest
// initial chunks (the framework itself) are found only once main.js has downloaded and parsed: one
// more round trip before the first paint on a slow phone. This step, run after `ng build`, follows
// main.js's static imports to every initial chunk and preloads those Angular left out.
// `node scripts/preload-initial-chunks.mjs [dir]` runs it alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
// esbuild's output: `import{a as b}from"./chunk-X.js";` and bare `import"./chunk-X.js";` (never dynamic here).
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/** Every chunk `entry` pulls in statically, in the order a browser would discover them. */
export function staticChunks(dir, entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [, dep] of source.matchAll(STATIC_IMPORT)) {
      if (seen.has(dep) || dep === entry || !existsSync(join(dir, dep))) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return [...seen];
}

export function preloadInitialChunks(dir = join(ROOT, 'dist/client/browser')) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const main = /<script src="(main-[\w-]+\.js)" type="module"><\/script>/.exec(html)?.[1];
  if (!main) throw new Error(`no main-*.js script in ${indexPath}`);
  const missing = staticChunks(dir, main).filter((chunk) => !html.includes(`href="${chunk}"`));
  if (!missing.length) return;
  const links = missing.map((chunk) => `<link rel="modulepreload" href="${chunk}">`).join('');
  html = html.replace(`<script src="${main}"`, `${links}<script src="${main}"`);
  writeFileSync(indexPath, html);
  console.log(`[world-it] preloading ${missing.length} more initial chunk(s) from index.html`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) preloadInitialChunks(process.argv[2]);
