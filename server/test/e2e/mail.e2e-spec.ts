import { JobName, type OutboxMail } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { MailOutboxService } from '../../src/mail/mail-outbox.service';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobRegistry } from '../../src/jobs/job-registry';
import { DEFAULT_PASSWORD, readCode, uniqueEmail } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { SmtpSink } from '../utils/smtp-sink';
import { currentRun } from '../utils/test-env';

describe('Mail: Bull job consumed by the worker and delivered over SMTP', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await new SmtpSink().start();
    // A queue prefix of its own, so no other test file's worker (dev outbox) takes these jobs.
    t = await createTestApp({
      worker: true,
      env: { SMTP_URL: sink.url, QUEUE_PREFIX: `${currentRun().queuePrefix}-smtp` },
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('registration is answered at once; the worker sends the code through SMTP, and the code confirms', async () => {
    const email = uniqueEmail('smtp');
    await t.http
      .post('/api/auth/register')
      .send({ email, password: DEFAULT_PASSWORD, displayName: 'Grace' })
      .expect(202);
    const mail = await sink.waitFor(email);
    expect(mail.from).toBe('no-reply@world-it.local');
    const code = /^(\d{6}) is your World IT confirmation code/.exec(mail.subject)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    // With SMTP configured nothing lands in the dev outbox.
    const outbox = await t.http.get('/api/dev/outbox').query({ to: email }).expect(200);
    expect(outbox.body).toEqual([]);
    const confirmed = await t.http.post('/api/auth/confirm').send({ email, code }).expect(201);
    expect(confirmed.body.user.email).toBe(email);
    const counts = await t.app.get(JobQueue).counts();
    expect(counts.completed).toBeGreaterThanOrEqual(1);
  });

  it('a job run twice (a retry after a successful send) sends once', async () => {
    const email = uniqueEmail('once');
    const handlers = (t.worker as NonNullable<TestApp['worker']>).get(JobRegistry);
    const payload = {
      to: email,
      language: 'en' as const,
      displayName: 'Once',
      code: '123456',
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    };
    await handlers.dispatch(JobName.PasswordResetCode, payload, { jobId: `retry-${email}`, attempt: 1 });
    await handlers.dispatch(JobName.PasswordResetCode, payload, { jobId: `retry-${email}`, attempt: 2 });
    await sink.waitFor(email);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});

describe('Mail: the outbox relay', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  it('delivers a mail whose enqueue failed (queue unavailable) once the relay runs', async () => {
    const queue = t.app.get(JobQueue);
    const add = jest.spyOn(queue, 'add').mockRejectedValueOnce(new Error('Redis is down'));
    const ds = t.app.get(DataSource);
    const email = uniqueEmail('relay');
    try {
      await t.http
        .post('/api/auth/register')
        .send({ email, password: DEFAULT_PASSWORD, displayName: 'Relay' })
        .expect(202);
      // The mail is persisted, not enqueued, and the error is recorded.
      let row: { enqueued_at: Date | null; attempts: number; last_error: string | null } | undefined;
      for (let i = 0; i < 50; i++) {
        [row] = await ds.query(`SELECT enqueued_at, attempts, last_error FROM mail_outbox WHERE payload->>'to' = $1`, [
          email,
        ]);
        if (row?.attempts) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(row).toMatchObject({ enqueued_at: null, attempts: 1, last_error: 'Redis is down' });
      const none = await t.http.get('/api/dev/outbox').query({ to: email }).expect(200);
      expect(none.body).toEqual([]);

      expect(await t.app.get(MailOutboxService).relayPending(0)).toBeGreaterThanOrEqual(1);
      const code = await readCode(t, email);
      await t.http.post('/api/auth/confirm').send({ email, code }).expect(201);
      const [after] = await ds.query(`SELECT enqueued_at, last_error FROM mail_outbox WHERE payload->>'to' = $1`, [
        email,
      ]);
      expect(after.enqueued_at).not.toBeNull();
      expect(after.last_error).toBeNull();
      // Relaying again adds nothing new (the row id is the job id) and sends nothing twice.
      await t.app.get(MailOutboxService).relay({
        id: (await ds.query(`SELECT id FROM mail_outbox WHERE payload->>'to' = $1`, [email]))[0].id,
        jobName: JobName.RegistrationCode,
        payload: {},
      });
      await new Promise((r) => setTimeout(r, 300));
      const mails = await t.http.get('/api/dev/outbox').query({ to: email }).expect(200);
      expect((mails.body as OutboxMail[]).length).toBe(1);
    } finally {
      add.mockRestore();
    }
  });
});

describe('Mail: development outbox', () => {
  it('lists mail newest first and validates the address', async () => {
    const t = await createTestApp({ worker: true });
    try {
      const res = await t.http.get('/api/dev/outbox').expect(400);
      expect(res.body.message.join(' ')).toMatch(/to/);
      const email = uniqueEmail('list');
      await t.http
        .post('/api/auth/register')
        .send({ email, password: DEFAULT_PASSWORD, displayName: 'List' })
        .expect(202);
      await readCode(t, email);
      const list = await t.http.get('/api/dev/outbox').query({ to: email.toUpperCase() }).expect(200);
      expect(list.body).toEqual([
        {
          to: email,
          subject: expect.any(String),
          text: expect.any(String),
          html: expect.stringContaining('<html'),
          sentAt: expect.any(String),
        },
      ]);
    } finally {
      await t.close();
    }
  });

  it('does not exist in production (404)', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      await t.http.get('/api/dev/outbox').query({ to: 'a@example.test' }).expect(404);
    } finally {
      await t.close();
    }
  });
});
