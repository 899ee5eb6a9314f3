import { randomBytes } from 'node:crypto';
import Bull from 'bull';
import { JOB_QUEUE } from '@world-it/contracts';
import { currentRun } from '../utils/test-env';
import { SmtpSink } from '../utils/smtp-sink';
import { ApiProcess } from './support/api-process';
import { poll } from '../utils/poll';

jest.setTimeout(600_000);

const REGISTRATIONS = Number(process.env.RESILIENCE_REGISTRATIONS ?? 150);
/** The worker is killed once this share of the code mails has arrived (the rest are queued or in flight). */
const KILL_AT = 0.3;

describe('resilience: the mail worker SIGKILLed while it sends code mails', () => {
  const sink = new SmtpSink();
  // A queue prefix of its own: the jobs counted below are this test's only.
  const env = {
    SMTP_URL: '',
    QUEUE_PREFIX: `${currentRun().resilience.queuePrefix}-wk`,
    RATE_LIMIT_AUTH: '1000000',
  };
  let api: ApiProcess;
  const workers: ApiProcess[] = [];
  let queue: Bull.Queue;

  beforeAll(async () => {
    await sink.start();
    env.SMTP_URL = sink.url;
    api = await ApiProcess.start(env);
    queue = new Bull(JOB_QUEUE, currentRun().redisUrl, { prefix: env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await api?.kill('SIGTERM');
    await queue?.close();
    await sink.stop();
  });

  it('delivers every registration’s code mail exactly once across the kill and a new worker', async () => {
    const emails = Array.from({ length: REGISTRATIONS }, () => `wk-${randomBytes(5).toString('hex')}@example.test`);
    /** What each mailbox shows: messages by Message-ID (a resend of the same message is one message). */
    const received = () => {
      const perRecipient = new Map<string, Set<string>>();
      for (const m of sink.messages) {
        const messageId = /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1] ?? `none-${Math.random()}`;
        for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? new Set()).add(messageId));
      }
      return perRecipient;
    };
    const first = await ApiProcess.startWorker(env);
    workers.push(first);

    // Registrations keep arriving before, during and after the kill (four at a time, as a busy sign-up page).
    let next = 0;
    const refused: string[] = [];
    const registering = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < emails.length) {
          const email = emails[next++];
          const res = await fetch(`${api.url}/api/auth/register`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: 'worker-kill-password', displayName: 'Worker Kill' }),
          });
          if (res.status !== 202) refused.push(`${email}: ${res.status} ${await res.text()}`);
        }
      }),
    );

    await poll(() => sink.messages.length >= Math.floor(REGISTRATIONS * KILL_AT), 'the first mails', 120_000);
    const atKill = { delivered: sink.messages.length, registered: next };
    await first.kill('SIGKILL');
    const counts = await queue.getJobCounts();
    const retrying = (await queue.getDelayed()).filter((j) => !j.opts.repeat).length;
    const inFlight = { active: counts.active, waiting: counts.waiting, retrying };

    const second = await ApiProcess.startWorker(env);
    workers.push(second);
    await registering;
    expect(refused).toEqual([]);

    // Done when every address has its mail and the queue holds nothing more: no job left that could
    // still send one (the killed worker's active jobs come back as stalled once their lock expires).
    // Jobs that could still send: waiting, active, or delayed for a retry (the repeatable schedules of
    // the digest and housekeeping are always delayed, and send no code mail).
    const pendingJobs = async () => {
      const c = await queue.getJobCounts();
      const retries = (await queue.getDelayed()).filter((j) => !j.opts.repeat).length;
      return c.waiting + c.active + retries;
    };
    const state = async () =>
      `${received().size}/${emails.length} addresses reached, queue ${JSON.stringify(await queue.getJobCounts())}\n${second.output().slice(-3000)}`;
    await poll(
      async () => {
        if (received().size < emails.length) return false;
        return (await pendingJobs()) === 0;
      },
      'every code mail and an empty queue',
      240_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${await state()}`);
    });
    const failed = (await queue.getJobCounts()).failed;
    const perRecipient = received();
    const missing = emails.filter((e) => !perRecipient.has(e));
    const duplicated = [...perRecipient].filter(([, ids]) => ids.size > 1).map(([to, ids]) => [to, [...ids]]);
    // SMTP transactions beyond one per address: mails the killed worker was cut off from mid-send and the
    // new worker sent again (SMTP cannot tell a sender whether the server kept what it sent before dying).
    const resent = sink.messages.length - emails.length;
    console.log(
      `worker kill: ${emails.length} registrations; SIGKILL after ${atKill.delivered} mails delivered and ${atKill.registered} registered, ` +
        `with ${inFlight.active} jobs active, ${inFlight.waiting} waiting, ${inFlight.retrying} waiting to retry; ` +
        `a new worker finished: ${sink.messages.length} SMTP deliveries (${resent} resent under the same Message-ID), ` +
        `${missing.length} addresses missing their mail, ${duplicated.length} with two different mails, ${failed} failed jobs`,
    );
    // Every mail carries the Message-ID made from its job (what makes a resend the same message).
    expect(sink.messages.filter((m) => !/^Message-ID:\s*<[0-9a-f]{40}@/im.test(m.raw))).toEqual([]);
    expect(missing).toEqual([]);
    expect(duplicated).toEqual([]);
    // Only a job that was running when the worker died may have been sent twice.
    expect(resent).toBeLessThanOrEqual(inFlight.active);
    expect(failed).toBe(0);
    expect(second.alive).toBe(true);
  });
});
