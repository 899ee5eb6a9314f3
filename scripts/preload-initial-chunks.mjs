// Angular's build writes at most ten `<link rel="modulepreload">` into index.html, so the largest
// initial chunks (the framework itself) are found only once main.js has downloaded and parsed: one
// more round trip before the first paint on a slow phone. This step, run after `ng build`, follows
// main.js's static imports to every initial chunk and preloads those Angular left out.
//
// A lazily loaded page is worse: the router asks for its chunk once the framework has started, and
// that chunk's own imports are found only after it has arrived (a chain of four requests for
// /chats). So index.html also gets one small script (ROUTE_PAGES below) that preloads, for the
// path being opened, the chunks of its pages and everything they import, while the framework
// itself downloads. A separate file rather than an inline script: the CSP allows scripts from
// 'self' only.
// `node scripts/preload-initial-chunks.mjs [dir]` runs it alone.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Paths (a pattern on location.pathname) and the lazily loaded pages the router loads for them, by
 * the name the page's chunk exports (`import("./chunk-X.js").then(m => m.ChatsShellPage)` in main.js).
 * The entry pages people land on; a page not found in the build is left out with a warning.
 */
export const ROUTE_PAGES = [
  { path: '^/login/?$', pages: ['LoginPage'] },
  { path: '^/register/?$', pages: ['RegisterPage'] },
  { path: '^/chats/?$', pages: ['ChatsShellPage', 'NoRoomPage'] },
  { path: '^/chats/[^/]+/?$', pages: ['ChatsShellPage', 'RoomPage'] },
];
const ROUTE_SCRIPT = /<script src="(preload-routes-[A-Z0-9]{8}\.js)"><\/script>/;

/** The chunk main.js loads a lazy page from, by the page's exported name. */
function pageChunk(mainSource, page) {
  const escaped = page.replace(/\$/g, '\\$');
  const pattern = new RegExp(`import\\(["']\\./([\\w.-]+\\.js)["']\\)\\.then\\(\\(?([\\w$]+)\\)?=>\\2\\.${escaped}\\b`);
  return pattern.exec(mainSource)?.[1] ?? null;
}

/** `{ path, chunks }` per ROUTE_PAGES entry: the pages' chunks and their static imports, minus the initial ones. */
export function routeChunks(dir, main) {
  const mainSource = readFileSync(join(dir, main), 'utf8');
  const initial = new Set([main, ...staticChunks(dir, main)]);
  return ROUTE_PAGES.map(({ path, pages }) => {
    const chunks = [];
    for (const page of pages) {
      const chunk = pageChunk(mainSource, page);
      if (!chunk) {
        console.warn(`[world-it] no lazy chunk for ${page} in ${main}: not preloaded for ${path}`);
        continue;
      }
      for (const c of [chunk, ...staticChunks(dir, chunk)]) if (!initial.has(c) && !chunks.includes(c)) chunks.push(c);
    }
    return { path, chunks };
  }).filter((r) => r.chunks.length);
}

/** The preloading script: ES5, no module, so it runs as the parser reaches it (before main.js starts). */
function routeScript(routes) {
  const table = JSON.stringify(routes.map((r) => [r.path, r.chunks]));
  return (
    '// Preloads the chunks of the page being opened (scripts/preload-initial-chunks.mjs).\n' +
    `(function(){var p=location.pathname,t=${table};` +
    'for(var i=0;i<t.length;i++)if(new RegExp(t[i][0]).test(p)){for(var j=0;j<t[i][1].length;j++){' +
    'var l=document.createElement("link");l.rel="modulepreload";l.href=t[i][1][j];document.head.appendChild(l)}return}})();\n'
  );
}

export function preloadInitialChunks(dir = join(ROOT, 'dist/client/browser')) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const main = /<script src="(main-[\w-]+\.js)" type="module"><\/script>/.exec(html)?.[1];
  if (!main) throw new Error(`no main-*.js script in ${indexPath}`);
  const missing = staticChunks(dir, main).filter((chunk) => !html.includes(`href="${chunk}"`));
  if (missing.length) {
    const links = missing.map((chunk) => `<link rel="modulepreload" href="${chunk}">`).join('');
    html = html.replace(`<script src="${main}"`, `${links}<script src="${main}"`);
    console.log(`[world-it] preloading ${missing.length} more initial chunk(s) from index.html`);
  }

  const routes = routeChunks(dir, main);
  const previous = ROUTE_SCRIPT.exec(html);
  if (previous) html = html.replace(previous[0], '');
  for (const file of readdirSync(dir)) if (/^preload-routes-[A-Z0-9]{8}\.js$/.test(file)) rmSync(join(dir, file));
  if (routes.length) {
    const source = routeScript(routes);
    // Named like the build's hashed files, so the server caches it for a year as it does them.
    const hash = createHash('sha256')
      .update(source)
      .digest('base64url')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8);
    const file = `preload-routes-${hash.toUpperCase()}.js`;
    writeFileSync(join(dir, file), source);
    // In <head> after the stylesheet: fetched beside it, run before the body's module scripts.
    html = html.replace('</head>', `<script src="${file}"></script></head>`);
    const count = routes.reduce((n, r) => n + r.chunks.length, 0);
    console.log(`[world-it] preloading the lazy chunks of ${routes.length} entry path(s) (${count} in all)`);
  }
  writeFileSync(indexPath, html);
}

if (process.argv[1] === new URL(import.meta.url).pathname) preloadInitialChunks(process.argv[2]);
