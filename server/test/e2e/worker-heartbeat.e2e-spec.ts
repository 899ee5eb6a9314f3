import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { WORKER_HEARTBEAT_FILE, WorkerHeartbeat } from '../../src/health/worker-heartbeat';
import { createTestApp, type TestApp } from '../utils/create-test-app';

const run = promisify(execFile);

/** The worker has no HTTP port: docker-compose.yml's health check reads the heartbeat file it keeps fresh. */
describe('Worker heartbeat (the worker health check of docker-compose.yml)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  const composeCheck = (): string => {
    const compose = load(readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8'), {
      schema: CORE_SCHEMA.withTags(mergeTag),
    }) as { services: { worker: { healthcheck: { test: string[] } } } };
    const [kind, node, flag, script] = compose.services.worker.healthcheck.test;
    expect([kind, node, flag]).toEqual(['CMD', 'node', '-e']);
    return script;
  };
  const healthy = async (): Promise<boolean> =>
    run(process.execPath, ['-e', composeCheck()]).then(
      () => true,
      () => false,
    );

  it('beats after a PostgreSQL and Redis round trip, and the compose check passes on a fresh file only', async () => {
    const heartbeat = t.worker?.get(WorkerHeartbeat);
    expect(heartbeat).toBeDefined();
    const before = Date.now();
    expect(await heartbeat?.beat()).toBe(true);
    const written = new Date(await readFile(WORKER_HEARTBEAT_FILE, 'utf8')).getTime();
    expect(written).toBeGreaterThanOrEqual(before - 1000);
    expect(await healthy()).toBe(true);

    // A worker that stopped beating a minute ago is reported unhealthy.
    const stale = new Date(Date.now() - 90_000);
    await utimes(WORKER_HEARTBEAT_FILE, stale, stale);
    expect(await healthy()).toBe(false);
    expect(await heartbeat?.beat()).toBe(true);
    expect(await healthy()).toBe(true);
  });

  it('does not beat when the database is gone', async () => {
    const other = await createTestApp({ worker: true });
    const heartbeat = other.worker?.get(WorkerHeartbeat);
    const file = join(other.config.dataDir, `heartbeat-${Date.now()}`);
    await other.worker?.close();
    expect(await heartbeat?.beat(file)).toBe(false);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    await other.app.close();
  });
});
