import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RUN_ENV, TEST_REDIS_URL, createDatabase, databaseUrlFor, runId, type TestRun } from './test-env';

/** A fresh database per run, migrated once; a queue prefix of its own in Redis. */
export default async function globalSetup(): Promise<void> {
  const id = runId();
  const databaseName = `world_it_test_${id}`;
  const resilienceDatabase = `${databaseName}_resilience`;
  await Promise.all([createDatabase(databaseName), createDatabase(resilienceDatabase)]);
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
    resilience: {
      databaseName: resilienceDatabase,
      databaseUrl: databaseUrlFor(resilienceDatabase),
      queuePrefix: `world-it-test-${id}-resilience`,
    },
    embeddedTemplateDir: '',
  };
  run.embeddedTemplateDir = join(run.dataDir, 'embedded-template');
  mkdirSync(run.embeddedTemplateDir, { recursive: true });
  await Promise.all([
    ...[run.databaseUrl, run.resilience.databaseUrl].map((url) => migrate(url, run.dataDir)),
    migrate('', run.embeddedTemplateDir),
  ]);
  process.env[RUN_ENV] = JSON.stringify(run);
}

/** Runs every migration on PostgreSQL at `databaseUrl`, or on embedded PGlite under `dataDir` when it is empty. */
async function migrate(databaseUrl: string, dataDir: string): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions({ databaseUrl, dataDir }, []) });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
