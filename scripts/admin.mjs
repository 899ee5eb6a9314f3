// `npm run admin -- grant EMAIL` / `npm run admin -- revoke EMAIL`: gives or takes the admin role in the
// database the API uses (DATABASE_URL, or the embedded one under DATA_DIR while the API is stopped).
// Builds the server first when its output is missing or stale; exits with the tool's code.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/server/server/src/admin-cli.js');

if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
buildIfNeeded({ only: 'server' });
const r = spawnSync(process.execPath, [CLI, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});
process.exit(r.status ?? 1);
