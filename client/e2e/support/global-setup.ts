import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, runId } from '../../../server/test/utils/test-env';
import { BROWSER_RUN_ENV, apiEnv, type BrowserRun } from './browser-run';
import { freePort } from './free-port';

const ROOT = join(__dirname, '../../..');
const API_ENTRY = join(ROOT, 'dist/server/server/src/main.js');
const WORKER_ENTRY = join(ROOT, 'dist/server/server/src/worker.js');
const CLIENT_INDEX = join(ROOT, 'dist/client/browser/index.html');

/**
 * Starts the BUILT app the way production runs it: the API process and the mail worker process on a
 * fresh PostgreSQL database and Redis. `npm test` builds first.
 */
export default async function globalSetup(): Promise<void> {
  for (const f of [API_ENTRY, WORKER_ENTRY, CLIENT_INDEX]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the browser tests`);
  }
  const id = runId();
  const databaseName = `world_it_browser_${id}`;
  await createDatabase(databaseName);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'world-it-browser-'));
  const env = {
    ...process.env,
    ...apiEnv({ port, databaseName, queuePrefix: `world-it-browser-${id}`, dataDir }),
  };

  const api = spawn(process.execPath, [API_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, api);
  // The worker starts after the API has migrated the database.
  const worker = spawn(process.execPath, [WORKER_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const run: BrowserRun = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    databaseName,
    dataDir,
    queuePrefix: env.QUEUE_PREFIX,
    pids: [api.pid ?? 0, worker.pid ?? 0],
  };
  process.env[BROWSER_RUN_ENV] = JSON.stringify(run);
}

async function waitForHealth(url: string, proc: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited: number | null = null;
  proc.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`The API exited with ${exited} before it was healthy`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become healthy at ${url}`);
}
