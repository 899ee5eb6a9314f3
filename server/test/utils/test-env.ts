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
