// Builds the server and/or the client when their output is missing or older than their sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { precompressClient } from './precompress-client.mjs';
import { preloadInitialChunks } from './preload-initial-chunks.mjs';

const ROOT = new URL('..', import.meta.url).pathname;

const TARGETS = [
  {
    name: 'server',
    output: 'dist/server/server/src/main.js',
    sources: ['server/src', 'libs/contracts/src', 'nest-cli.json', 'server/tsconfig.app.json', 'package.json'],
    command: ['npx', 'nest', 'build'],
  },
  {
    name: 'client',
    output: 'dist/client/browser/index.html',
    sources: [
      'client/src',
      'client/public',
      'libs/contracts/src',
      'angular.json',
      'client/tsconfig.app.json',
      'package.json',
    ],
    command: ['npx', 'ng', 'build'],
    after: () => {
      preloadInitialChunks(join(ROOT, 'dist/client/browser'));
      precompressClient(join(ROOT, 'dist/client/browser'));
    },
  },
];

function newest(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(full)) {
    if (entry.endsWith('.spec.ts')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

export function buildIfNeeded({ force = false, only = null } = {}) {
  for (const t of TARGETS) {
    if (only && t.name !== only) continue;
    const out = join(ROOT, t.output);
    const stale = !existsSync(out) || Math.max(...t.sources.map(newest)) > statSync(out).mtimeMs;
    if (!force && !stale) continue;
    console.log(`[world-it] building the ${t.name}…`);
    const r = spawnSync(t.command[0], t.command.slice(1), {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
    });
    if (r.status !== 0) {
      console.error(`[world-it] the ${t.name} build failed`);
      process.exit(r.status ?? 1);
    }
    t.after?.();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) buildIfNeeded({ force: process.argv.includes('--force') });
