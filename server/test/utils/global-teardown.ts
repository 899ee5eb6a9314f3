import { rmSync } from 'node:fs';
import { RUN_ENV, deleteRedisKeys, dropDatabase, type TestRun } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const raw = process.env[RUN_ENV];
  if (!raw) return;
  const run = JSON.parse(raw) as TestRun;
  await Promise.all([dropDatabase(run.databaseName), dropDatabase(run.resilience.databaseName)]);
  await deleteRedisKeys(run.redisUrl, run.queuePrefix);
  rmSync(run.dataDir, { recursive: true, force: true });
}
