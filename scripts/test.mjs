// `npm test`: build the app (the browser tests run the built app), then every jest project —
// unit, API end-to-end on PostgreSQL + Redis, client, and browser journeys in headless Chromium.
// Extra arguments go to jest (e.g. `npm test -- --selectProjects server-e2e`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const RESULTS = join(ROOT, 'test-results/jest.json');
mkdirSync(join(ROOT, 'test-results'), { recursive: true });

buildIfNeeded();

const args = process.argv.slice(2);

// A full run (no jest arguments) also checks lint, the server's and tests' types, and formatting, as CI must.
const checks = [];
if (args.length === 0) {
  for (const [name, cmd] of [
    ['lint', ['node_modules/eslint/bin/eslint.js', 'server/**/*.ts', 'libs/**/*.ts', 'client/**/*.ts']],
    // The tests are compiled without type checks (isolatedModules): their types are checked here.
    ['types', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'server/tsconfig.spec.json']],
    [
      'format',
      [
        'node_modules/prettier/bin/prettier.cjs',
        '--check',
        '--log-level=warn',
        '{server,libs,client,scripts}/**/*.{ts,mjs,html,css}',
        'jest.config.ts',
      ],
    ],
  ]) {
    const r = spawnSync(process.execPath, cmd, { cwd: ROOT, stdio: 'inherit' });
    checks.push([name, r.status === 0]);
    console.log(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  }
}
const jest = spawnSync(
  process.execPath,
  [
    // PGlite (the embedded database) loads its WASM through dynamic import, which jest's VM needs this flag for.
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '--maxWorkers=2',
    '--json',
    `--outputFile=${RESULTS}`,
    ...args,
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } },
);

try {
  const r = JSON.parse(readFileSync(RESULTS, 'utf8'));
  const failedSuites = r.numFailedTestSuites ?? 0;
  console.log(
    `\n${r.numPassedTests} passed, ${r.numFailedTests} failed` +
      (failedSuites ? ` (${failedSuites} suites failed)` : ''),
  );
} catch {
  console.log('\nno test results were written');
}
const checksFailed = checks.filter(([, ok]) => !ok).map(([name]) => name);
if (checksFailed.length) console.log(`checks failed: ${checksFailed.join(', ')}`);
process.exit(checksFailed.length ? 1 : (jest.status ?? 1));
