import { rmSync } from 'node:fs';
import { Client } from 'pg';
import Redis from 'ioredis';
import { RUN_ENV, TEST_PG_ADMIN_URL, type TestRun } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const raw = process.env[RUN_ENV];
  if (!raw) return;
  const run = JSON.parse(raw) as TestRun;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${run.databaseName} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(run.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.queuePrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  rmSync(run.dataDir, { recursive: true, force: true });
}
