import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import { NestFactory } from '@nestjs/core';
import { HOUSEKEEPING_JOBS, JOB_QUEUE, JobName, type HousekeepingJobName, type Image } from '@world-it/contracts';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { SessionsService } from '../../src/auth/sessions.service';
import { InProcessJobQueue } from '../../src/jobs/in-process-job.queue';
import { JobQueue } from '../../src/jobs/job-queue';
import { WorkerModule } from '../../src/worker.module';
import { bearer, createUser, type TestUser } from '../factories/users';
import { settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { png } from '../utils/images';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

/** Polls until `check` holds (no fixed sleeps); fails with `what` after the timeout. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await settle(50);
  }
}

/**
 * Runs one housekeeping job the way the schedule does, through the queue: Bull (the worker consumes
 * it) or in-process (embedded mode), and waits until that job has completed.
 */
async function runJob(t: TestApp, name: HousekeepingJobName): Promise<void> {
  const jobId = `test:${name}:${randomUUID()}`;
  if (t.config.redisUrl) {
    const bull = t.app.get<Queue>(getQueueToken(JOB_QUEUE));
    await t.app.get(JobQueue).add(name, {}, { jobId });
    await until(`${name} to complete`, async () => {
      const job = await bull.getJob(jobId);
      const state = await job?.getState();
      if (state === 'failed') throw new Error(`${name} failed: ${job?.failedReason ?? ''}`);
      return state === 'completed';
    });
  } else {
    const queue = t.app.get(InProcessJobQueue);
    const before = await queue.counts();
    await queue.add(name, {}, { jobId });
    await until(`${name} to complete`, async () => {
      const c = await queue.counts();
      if (c.failed > before.failed) throw new Error(`${name} failed`);
      return c.completed > before.completed;
    });
  }
}

describe('Housekeeping jobs', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    ds = t.app.get(DataSource);
  }, 90_000); // embedded mode migrates a fresh PGlite first
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await ds.query(sql, params)) as { n: string }[])[0].n);

  it('schedules every housekeeping job once, however many processes start (Bull repeatable jobs with a fixed id)', async () => {
    const names = Object.keys(HOUSEKEEPING_JOBS).sort();
    expect(names).toEqual(
      [
        JobName.HousekeepingCodes,
        JobName.HousekeepingExports,
        JobName.HousekeepingMail,
        JobName.HousekeepingSessions,
        JobName.HousekeepingUploads,
      ].sort(),
    );
    if (!t.config.redisUrl) {
      // Embedded mode is one process: its queue runs the jobs itself (checked by the tests below).
      expect(t.app.get(JobQueue)).toBeInstanceOf(InProcessJobQueue);
      return;
    }
    // The API and its worker have scheduled already; a third process (another worker) schedules too.
    // (A second HTTP app in this file would swap passport's global JWT strategy: a worker has none.)
    const second = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: ['error'] });
    await second.init();
    try {
      const bull = t.app.get<Queue>(getQueueToken(JOB_QUEUE));
      const repeatable = (await bull.getRepeatableJobs()).filter((r) => r.name.startsWith('housekeeping-'));
      expect(repeatable.map((r) => [r.name, Number(r.every)]).sort()).toEqual(
        names.map((n) => [n, HOUSEKEEPING_JOBS[n as HousekeepingJobName]]),
      );
      // A changed period replaces the schedule instead of adding a second one.
      await second.get(JobQueue).repeat(JobName.HousekeepingCodes, {}, 5 * 60_000);
      const after = (await bull.getRepeatableJobs()).filter((r) => r.name === JobName.HousekeepingCodes);
      expect(after.map((r) => Number(r.every))).toEqual([5 * 60_000]);
      await t.app.get(JobQueue).repeat(JobName.HousekeepingCodes, {}, HOUSEKEEPING_JOBS['housekeeping-codes']);
      // The next run of each is one delayed job, not one per process.
      const delayed = (await bull.getDelayed()).filter((j) => j.name.startsWith('housekeeping-'));
      const perName = new Map<string, number>();
      for (const j of delayed) perName.set(j.name, (perName.get(j.name) ?? 0) + 1);
      expect([...perName.entries()].sort()).toEqual(names.map((n) => [n, 1]));
    } finally {
      await second.close();
    }
  });

  it('sessions: deletes sessions ended over a day ago with their tokens, and tokens spent over 7 days ago; live ones stay', async () => {
    const u = await createUser(t);
    const sessions = t.app.get(SessionsService);
    const start = () => sessions.start({ id: u.user.id, role: 'user' });
    const expiredLongAgo = await start();
    const revokedLongAgo = await start();
    const revokedRecently = await start();
    const expiredRecently = await start();
    await ds.query(`UPDATE "sessions" SET "expires_at" = $2 WHERE "id" = $1`, [expiredLongAgo.sessionId, ago(2 * DAY)]);
    await ds.query(`UPDATE "sessions" SET "revoked_at" = $2, "revoked_reason" = 'logout' WHERE "id" = $1`, [
      revokedLongAgo.sessionId,
      ago(2 * DAY),
    ]);
    await ds.query(`UPDATE "sessions" SET "revoked_at" = $2, "revoked_reason" = 'logout' WHERE "id" = $1`, [
      revokedRecently.sessionId,
      ago(HOUR),
    ]);
    await ds.query(`UPDATE "sessions" SET "expires_at" = $2 WHERE "id" = $1`, [expiredRecently.sessionId, ago(HOUR)]);
    // The live session (u's own) refreshes twice: two spent tokens, one spent long ago.
    const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    const r2 = await t.http
      .post('/api/auth/refresh')
      .send({ refreshToken: (r1.body as { refreshToken: string }).refreshToken })
      .expect(200);
    const live = r2.body as { accessToken: string; refreshToken: string };
    const liveSession = (
      (await ds.query(
        `SELECT s."id" FROM "sessions" s WHERE s."user_id" = $1 AND s."revoked_at" IS NULL AND s."expires_at" > now()`,
        [u.user.id],
      )) as { id: string }[]
    ).map((r) => r.id);
    expect(liveSession).toHaveLength(1);
    await ds.query(
      `UPDATE "refresh_tokens" SET "spent_at" = $2 WHERE "id" = (
         SELECT "id" FROM "refresh_tokens" WHERE "session_id" = $1 AND "spent_at" IS NOT NULL ORDER BY "created_at" LIMIT 1)`,
      [liveSession[0], ago(8 * DAY)],
    );
    const tokensOf = (sid: string) =>
      count(`SELECT count(*) AS n FROM "refresh_tokens" WHERE "session_id" = $1`, [sid]);
    expect(await tokensOf(liveSession[0])).toBe(3);
    expect(await tokensOf(expiredLongAgo.sessionId)).toBe(1);

    await runJob(t, JobName.HousekeepingSessions);

    const left = (
      (await ds.query(`SELECT "id" FROM "sessions" WHERE "user_id" = $1`, [u.user.id])) as { id: string }[]
    ).map((r) => r.id);
    expect(left.sort()).toEqual([liveSession[0], revokedRecently.sessionId, expiredRecently.sessionId].sort());
    expect(await tokensOf(expiredLongAgo.sessionId)).toBe(0);
    expect(await tokensOf(revokedLongAgo.sessionId)).toBe(0);
    // The live token and the recently spent one stay (reuse detection still works for it).
    expect(await tokensOf(liveSession[0])).toBe(2);
    await t.http.get('/api/auth/me').set(bearer(live.accessToken)).expect(200);
    await t.http.post('/api/auth/refresh').send({ refreshToken: live.refreshToken }).expect(200);
    expect(await tokensOf(revokedRecently.sessionId)).toBe(1);
  });

  it('codes: deletes expired and used-up codes once past the resend cooldown; a live code stays', async () => {
    const u = await createUser(t);
    const insert = (email: string, attempts: number, expiresAt: Date, createdAt: Date) =>
      ds.query(
        `INSERT INTO "registration_codes" ("purpose", "email", "user_id", "code_hash", "attempts", "expires_at", "created_at")
         VALUES ('registration', $1, $2, $3, $4, $5, $6)`,
        [email, u.user.id, 'a'.repeat(64), attempts, expiresAt, createdAt],
      );
    const tag = randomUUID().slice(0, 8);
    await insert(`expired-${tag}@example.test`, 0, ago(10 * 60_000), ago(25 * 60_000));
    await insert(`used-up-${tag}@example.test`, 5, new Date(Date.now() + 10 * 60_000), ago(2 * 60_000));
    await insert(`live-${tag}@example.test`, 1, new Date(Date.now() + 10 * 60_000), ago(2 * 60_000));
    await insert(`just-expired-${tag}@example.test`, 0, ago(5_000), ago(15 * 60_000));

    await runJob(t, JobName.HousekeepingCodes);

    const left = (
      (await ds.query(`SELECT "email" FROM "registration_codes" WHERE "user_id" = $1`, [u.user.id])) as {
        email: string;
      }[]
    ).map((r) => r.email.split('-')[0]);
    // "just expired" is still within the resend cooldown (it answers "wait", not "send again").
    expect(left.sort()).toEqual(['just', 'live']);
  });

  it('mail: deletes relayed outbox rows after 7 days, sent-mail keys after 30, dev mail after 7; pending rows stay', async () => {
    const tag = randomUUID();
    const outbox = (enqueuedAt: Date | null, createdAt: Date) =>
      ds.query(
        `INSERT INTO "mail_outbox" ("job_name", "payload", "created_at", "enqueued_at") VALUES ('registration-code', $1, $2, $3)`,
        [JSON.stringify({ tag }), createdAt, enqueuedAt],
      );
    await outbox(ago(8 * DAY), ago(8 * DAY));
    await outbox(ago(DAY), ago(DAY));
    await outbox(null, ago(30 * DAY)); // never relayed: the relay still owes it
    await ds.query(`INSERT INTO "sent_mail" ("dedupe_key", "sent_at") VALUES ($1, $2), ($3, $4)`, [
      `old-${tag}`,
      ago(31 * DAY),
      `new-${tag}`,
      ago(DAY),
    ]);
    const dev = (subject: string, sentAt: Date) =>
      ds.query(
        `INSERT INTO "dev_outbox" ("recipient", "subject", "text", "html", "sent_at") VALUES ($1, $2, '', '', $3)`,
        [`${tag}@example.test`, subject, sentAt],
      );
    await dev('old', ago(8 * DAY));
    await dev('new', ago(HOUR));

    await runJob(t, JobName.HousekeepingMail);

    const outboxLeft = (await ds.query(
      `SELECT "enqueued_at" FROM "mail_outbox" WHERE "payload"->>'tag' = $1 ORDER BY "created_at"`,
      [tag],
    )) as { enqueued_at: Date | null }[];
    expect(outboxLeft.map((r) => r.enqueued_at === null)).toEqual([true, false]);
    expect(
      (
        (await ds.query(`SELECT "dedupe_key" FROM "sent_mail" WHERE "dedupe_key" LIKE $1`, [`%${tag}`])) as {
          dedupe_key: string;
        }[]
      ).map((r) => r.dedupe_key),
    ).toEqual([`new-${tag}`]);
    expect(
      (
        (await ds.query(`SELECT "subject" FROM "dev_outbox" WHERE "recipient" = $1`, [`${tag}@example.test`])) as {
          subject: string;
        }[]
      ).map((r) => r.subject),
    ).toEqual(['new']);
  });

  describe('uploads', () => {
    let alice: TestUser;
    let bob: TestUser;
    const mediaDir = () => t.config.mediaDir;
    const files = (id: string) => [
      join(mediaDir(), 'images', `${id}.webp`),
      join(mediaDir(), 'images', `${id}_thumb.webp`),
    ];
    const upload = async (u: TestUser): Promise<Image> =>
      (
        await t.http
          .post('/api/uploads')
          .set(bearer(u.accessToken))
          .attach('file', await png(), { filename: 'p.png', contentType: 'image/png' })
          .expect(201)
      ).body as Image;
    const age = async (path: string, ms: number) => utimes(path, ago(ms), ago(ms));
    const remove = (u: TestUser, id: string) =>
      t.http.delete(`/api/uploads/${id}`).set(bearer(u.accessToken)).expect(204);
    const markDeleted = (id: string, at: Date) =>
      ds.query(`UPDATE "images" SET "deleted_at" = $2 WHERE "id" = $1`, [id, at]);
    const rowExists = async (id: string) =>
      (await count(`SELECT count(*) AS n FROM "images" WHERE "id" = $1`, [id])) === 1;

    beforeAll(async () => {
      [alice, bob] = [await createUser(t), await createUser(t)];
    });

    it('removes deleted images nothing shows and stray files past 24 h; keeps live photos, placeholders and fresh uploads', async () => {
      // A live photo nobody attached, uploaded days ago: it is in alice's photos, so it stays with its files.
      const gallery = await upload(alice);
      await ds.query(`UPDATE "images" SET "created_at" = $2 WHERE "id" = $1`, [gallery.id, ago(3 * DAY)]);
      for (const f of files(gallery.id)) await age(f, 3 * DAY);
      // Deleted two days ago, used nowhere: the row goes (its files went at delete time).
      const deletedOld = await upload(alice);
      await remove(alice, deletedOld.id);
      await markDeleted(deletedOld.id, ago(2 * DAY));
      // Deleted two days ago but shown in a chat message as "removed": the row stays for the placeholder.
      const inMessage = await upload(alice);
      const room = (
        await t.http.post('/api/chats/direct').set(bearer(alice.accessToken)).send({ userId: bob.user.id }).expect(201)
      ).body as { id: string };
      await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(alice.accessToken))
        .send({ imageId: inMessage.id })
        .expect(201);
      await remove(alice, inMessage.id);
      await markDeleted(inMessage.id, ago(2 * DAY));
      // Deleted an hour ago: within the grace period.
      const deletedRecently = await upload(alice);
      await remove(alice, deletedRecently.id);
      await markDeleted(deletedRecently.id, ago(HOUR));
      // Deleted long ago but its files were left behind (the removal failed): both files go.
      const leftBehind = await upload(bob);
      const kept = files(leftBehind.id);
      await markDeleted(leftBehind.id, ago(2 * DAY));
      for (const f of kept) await age(f, 2 * DAY);
      // Files without any row: an old crashed upload (goes), a fresh one being written (stays), an old
      // temp file (goes), and a file this app never writes (never touched).
      await mkdir(join(mediaDir(), 'images'), { recursive: true });
      const crashed = randomUUID();
      const inProgress = randomUUID();
      for (const f of [...files(crashed), ...files(inProgress)]) await writeFile(f, 'x');
      for (const f of files(crashed)) await age(f, 2 * DAY);
      const tmp = join(mediaDir(), 'images', `${randomUUID()}.webp.${randomUUID()}.tmp`);
      const foreign = join(mediaDir(), 'images', `notes-${randomUUID()}.txt`);
      for (const f of [tmp, foreign]) {
        await writeFile(f, 'x');
        await age(f, 2 * DAY);
      }

      await runJob(t, JobName.HousekeepingUploads);

      expect(await rowExists(gallery.id)).toBe(true);
      expect(files(gallery.id).map(existsSync)).toEqual([true, true]);
      await t.http
        .get(`/api/profiles/${alice.user.id}/images`)
        .set(bearer(bob.accessToken))
        .expect(200)
        .expect((res) => expect((res.body as { items: Image[] }).items.map((i) => i.id)).toContain(gallery.id));
      expect(await rowExists(deletedOld.id)).toBe(false);
      expect(await rowExists(inMessage.id)).toBe(true);
      expect(await rowExists(deletedRecently.id)).toBe(true);
      expect(await rowExists(leftBehind.id)).toBe(false);
      expect(kept.map(existsSync)).toEqual([false, false]);
      expect(files(crashed).map(existsSync)).toEqual([false, false]);
      expect(files(inProgress).map(existsSync)).toEqual([true, true]);
      expect(existsSync(tmp)).toBe(false);
      expect(existsSync(foreign)).toBe(true);
      // The message still shows its "removed" placeholder.
      const history = (await t.http.get(`/api/chats/${room.id}/messages`).set(bearer(bob.accessToken)).expect(200))
        .body as { items: { image: Image | null; imageRemoved?: boolean }[] };
      expect(history.items[0]).toEqual(expect.objectContaining({ image: null, imageRemoved: true }));
    });
  });
});
