import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEST_PG_ADMIN_URL } from '../../../server/test/utils/test-env';
import { BROWSER_RUN_ENV, type BrowserRun } from './browser-run';

export default async function globalTeardown(): Promise<void> {
  const raw = process.env[BROWSER_RUN_ENV];
  if (!raw) return;
  const run = JSON.parse(raw) as BrowserRun;
  await Promise.all(run.pids.filter((p) => p > 0).map((pid) => stop(pid)));
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${run.databaseName} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  rmSync(run.dataDir, { recursive: true, force: true });
}

/** SIGTERM, and wait for the graceful exit (SIGKILL after 10 s). */
async function stop(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}
