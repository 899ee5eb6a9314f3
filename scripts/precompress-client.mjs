// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every compressible
// file of the built client, once per build, so the server sends them as they are instead of
// compressing the same bundles on every request (serve-client.ts). Run by build-if-needed after
// `ng build`; `node scripts/precompress-client.mjs [dir]` runs it alone.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('..', import.meta.url).pathname;
// The same list as COMPRESSIBLE in server/src/common/http/serve-client.ts.
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.txt', '.json', '.webmanifest', '.xml']);
// Below this a compressed copy saves less than its headers cost (the compression middleware's threshold).
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.has(extname(entry.name).toLowerCase())) yield path;
  }
}

export function precompressClient(dir = join(ROOT, 'dist/client/browser')) {
  let before = 0;
  let after = 0;
  for (const path of files(dir)) {
    const source = readFileSync(path);
    if (source.length < MIN_BYTES) continue;
    const variants = [
      [
        '.br',
        brotliCompressSync(source, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
        }),
      ],
      ['.gz', gzipSync(source, { level: 9 })],
    ];
    for (const [suffix, data] of variants) {
      if (data.length >= source.length) continue;
      // Written after its file, so newer: the server sends a sibling only when it is not older.
      writeFileSync(path + suffix, data);
    }
    before += source.length;
    after += variants[0][1].length;
  }
  console.log(
    `[world-it] precompressed the client: ${Math.round(before / 1024)} kB → ${Math.round(after / 1024)} kB brotli`,
  );
}

if (process.argv[1] === new URL(import.meta.url).pathname) precompressClient(process.argv[2]);
