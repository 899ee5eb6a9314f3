import { rmSync } from 'node:fs';
import { TEST_REDIS_URL, deleteRedisKeys, dropDatabase } from '../../../server/test/utils/test-env';
import { BROWSER_RUN_ENV, type BrowserRun } from './browser-run';

export default async function globalTeardown(): Promise<void> {
  const raw = process.env[BROWSER_RUN_ENV];
  if (!raw) return;
  const run = JSON.parse(raw) as BrowserRun;
  await Promise.all(run.pids.filter((p) => p > 0).map((pid) => stop(pid)));
  await dropDatabase(run.databaseName);
  await deleteRedisKeys(TEST_REDIS_URL, run.queuePrefix);
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
