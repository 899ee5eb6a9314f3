import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
/** Where PostgreSQL and Redis are for tests (CI and a newcomer's machine: 127.0.0.1, trust auth). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
/** global-setup puts this run's database and prefixes here; test workers inherit the environment. */
export const RUN_ENV = 'WORLD_IT_TEST_RUN';

export interface TestRun {
  databaseUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
  dataDir: string;
  /**
   * The resilience suite's own database and queue prefix: its fuzz writes hostile names, posts and bans,
   * which must not show up in other suites' searches and lists that run beside it.
   */
  resilience: { databaseName: string; databaseUrl: string; queuePrefix: string };
  /**
   * A data dir whose embedded PGlite database is migrated already: each embedded test app starts on a
   * copy of it instead of running every migration again in WebAssembly (30 s and more on a busy machine).
   */
  embeddedTemplateDir: string;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function currentRun(): TestRun {
  const raw = process.env[RUN_ENV];
  if (!raw) throw new Error('No test run: the server-e2e project global setup did not run');
  return JSON.parse(raw) as TestRun;
}

/** A suffix no other run uses: `<time>_<random>` in [a-z0-9_]. */
export function runId(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function withAdmin(work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL} (${err.message}). Start it, or set TEST_PG_ADMIN_URL.`,
    );
  });
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty database for one run (its name is made of [a-z0-9_] only). */
export async function createDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Removes every Redis key of a run (queues, presence, typing, throttling share the prefix). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
