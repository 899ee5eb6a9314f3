import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import { JOB_QUEUE } from '@world-it/contracts';
import type { Queue } from 'bull';
import { QueueDashboardSessions } from '../../src/admin/queue-dashboard/queue-dashboard-sessions';
import { UsersRepository } from '../../src/users/users.repository';
import { bearer, createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { poll } from '../utils/poll';

const BOARD = '/api/admin/queues';

/** The cookie pair (`name=value`) a Set-Cookie header sets. */
function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!header) throw new Error('no Set-Cookie');
  return header.split(';')[0];
}

describe('Queue dashboard (Bull Board at /api/admin/queues)', () => {
  let t: TestApp;
  let queue: Queue;
  let admin: TestUser;

  beforeAll(async () => {
    // A queue prefix of its own: this suite retries and cleans failed jobs, which must not touch other suites' jobs.
    t = await createTestApp({ worker: true, env: { QUEUE_PREFIX: `e2e-board-${randomBytes(4).toString('hex')}` } });
    queue = t.app.get<Queue>(getQueueToken(JOB_QUEUE));
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  const openSession = async (u: TestUser): Promise<string> => {
    const res = await t.http.post(`${BOARD}/session`).set(bearer(u.accessToken)).expect(204);
    return cookieOf(res.headers['set-cookie']);
  };

  it('hands an admin a short-lived, HttpOnly, SameSite=Strict cookie scoped to the board', async () => {
    const res = await t.http.post(`${BOARD}/session`).set(bearer(admin.accessToken)).expect(204);
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
    expect(header).toMatch(/^wit_queue_board=[\w-]+\.[\w-]+; /);
    expect(header).toContain(`Path=${BOARD}`);
    expect(header).toContain('Max-Age=600');
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).not.toContain('Secure'); // not in production (see the unit spec for production)
  });

  it('refuses the session to an ordinary user (403) and to nobody (401)', async () => {
    const user = await createUser(t);
    const res = await t.http.post(`${BOARD}/session`).set(bearer(user.accessToken)).expect(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    await t.http.post(`${BOARD}/session`).expect(401);
  });

  it('answers 401 without the cookie: the page, its API and its static files, telling where to open it', async () => {
    const page = await t.http.get(BOARD).set('Accept', 'text/html').expect(401);
    expect(page.text).toContain('open it from the app');
    const api = await t.http.get(`${BOARD}/api/queues`).expect(401);
    expect(api.body).toMatchObject({ statusCode: 401, message: expect.stringContaining('open it from the app') });
    await t.http.get(`${BOARD}/static/images/logo.svg`).expect(401);
    // A bearer token is not a board session.
    await t.http.get(`${BOARD}/api/queues`).set(bearer(admin.accessToken)).expect(401);
  });

  it('with the cookie: the board page and its API listing every queue', async () => {
    const cookie = await openSession(admin);
    const page = await t.http.get(BOARD).set('Cookie', cookie).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('World IT queues');
    const api = await t.http.get(`${BOARD}/api/queues`).set('Cookie', cookie).expect(200);
    const names = (api.body as { queues: Array<{ name: string; readOnlyMode: boolean }> }).queues.map((q) => q.name);
    expect(names).toEqual([JOB_QUEUE]);
    expect((api.body as { queues: Array<{ readOnlyMode: boolean }> }).queues[0].readOnlyMode).toBe(false);
  });

  it('refuses a tampered, re-signed, truncated or expired cookie (401)', async () => {
    const cookie = await openSession(admin);
    const [name, value] = cookie.split('=');
    const [body, signature] = value.split('.');
    const other = await createUser(t);
    const forgedBody = Buffer.from(
      JSON.stringify({ u: other.user.id, e: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    const sessions = t.app.get(QueueDashboardSessions);
    const expired = cookieOf(sessions.issue(admin.user.id, Date.now() - 11 * 60_000));
    for (const bad of [
      `${name}=${forgedBody}.${signature}`,
      `${name}=${body}.${signature.slice(0, -2)}AA`,
      `${name}=${body}`,
      `${name}=`,
      expired,
    ]) {
      await t.http.get(`${BOARD}/api/queues`).set('Cookie', bad).expect(401);
    }
    await t.http.get(`${BOARD}/api/queues`).set('Cookie', cookie).expect(200);
  });

  it('stops honouring the cookie once the role is revoked, and once the admin is banned', async () => {
    const [first, second] = [await createUser(t, { role: 'admin' }), await createUser(t, { role: 'admin' })];
    const [c1, c2] = [await openSession(first), await openSession(second)];
    await t.http.get(`${BOARD}/api/queues`).set('Cookie', c1).expect(200);
    await t.http.get(`${BOARD}/api/queues`).set('Cookie', c2).expect(200);
    const users = t.app.get(UsersRepository);
    await users.update(first.user.id, { role: 'user' }); // what `npm run admin -- revoke EMAIL` does
    await t.http.post(`/api/admin/users/${second.user.id}/ban`).set(bearer(admin.accessToken)).expect(204);
    for (const c of [c1, c2]) {
      await poll(
        async () => (await t.http.get(`${BOARD}/api/queues`).set('Cookie', c)).status === 401,
        'cookie refused',
      );
    }
  });

  it("retries a failed job and cleans it through the board's API", async () => {
    const cookie = await openSession(admin);
    // A job no handler knows: the worker fails it, on every attempt.
    const job = await queue.add('no-such-job', {}, { attempts: 1, removeOnFail: false });
    const id = String(job.id);
    const stateOf = async () => (await queue.getJob(id))?.getState();
    const attemptsOf = async () => (await queue.getJob(id))?.attemptsMade;
    await poll(async () => (await stateOf()) === 'failed', 'job failed');
    expect(await attemptsOf()).toBe(1);

    const failed = await t.http
      .get(`${BOARD}/api/queues`)
      .query({ activeQueue: JOB_QUEUE, status: 'failed', page: 1, jobsPerPage: 10 })
      .set('Cookie', cookie)
      .expect(200);
    const listed = (failed.body as { queues: Array<{ jobs: Array<{ id: string; failedReason: string }> }> }).queues[0];
    expect(listed.jobs.map((j) => j.id)).toContain(id);
    expect(listed.jobs.find((j) => j.id === id)?.failedReason).toContain('No handler for job');

    await t.http.put(`${BOARD}/api/queues/${JOB_QUEUE}/${id}/retry`).set('Cookie', cookie).expect(204);
    // Run again by the worker (and failed again: still no handler), a second attempt on the record.
    await poll(async () => (await attemptsOf()) === 2 && (await stateOf()) === 'failed', 'job retried');

    // Clean: the failed job is removed (the board's "clean all" does the same for failed jobs older than 5 s).
    await t.http.put(`${BOARD}/api/queues/${JOB_QUEUE}/${id}/clean`).set('Cookie', cookie).expect(204);
    expect(await queue.getJob(id)).toBeNull();
  });

  describe('in embedded mode (no REDIS_URL: jobs run in process, no Bull)', () => {
    let embedded: TestApp;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'world-it-e2e-board-'));
      embedded = await createTestApp({
        env: { DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dir, MEDIA_DIR: join(dir, 'media') },
      });
    }, 120_000);
    afterAll(async () => {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('still hands over the session, and the board answers 503 saying it needs Redis', async () => {
      const a = await createUser(embedded, { role: 'admin' });
      await embedded.http.get(BOARD).expect(401);
      const res = await embedded.http.post(`${BOARD}/session`).set(bearer(a.accessToken)).expect(204);
      const cookie = cookieOf(res.headers['set-cookie']);
      const page = await embedded.http.get(BOARD).set('Cookie', cookie).set('Accept', 'text/html').expect(503);
      expect(page.text).toContain('needs Redis');
      const api = await embedded.http.get(`${BOARD}/api/queues`).set('Cookie', cookie).expect(503);
      expect(api.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('REDIS_URL') });
    });
  });
});
