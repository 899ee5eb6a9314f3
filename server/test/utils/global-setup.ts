import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RUN_ENV, TEST_PG_ADMIN_URL, TEST_REDIS_URL, databaseUrlFor, type TestRun } from './test-env';

/** A fresh database per run, migrated once; a queue prefix of its own in Redis. */
export default async function globalSetup(): Promise<void> {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `world_it_test_${id}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL} (${err.message}). Start it, or set TEST_PG_ADMIN_URL.`,
    );
  });
  try {
    await admin.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((err: Error) => {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${err.message}). Start it, or set TEST_REDIS_URL.`);
  });
  await redis.quit();

  const run: TestRun = {
    databaseName,
    databaseUrl: databaseUrlFor(databaseName),
    redisUrl: TEST_REDIS_URL,
    queuePrefix: `world-it-test-${id}`,
    dataDir: mkdtempSync(join(tmpdir(), 'world-it-e2e-')),
  };
  const ds = new DataSource({ ...dataSourceOptions({ databaseUrl: run.databaseUrl, dataDir: run.dataDir }, []) });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env[RUN_ENV] = JSON.stringify(run);
}
