import { Logger } from '@nestjs/common';
import { JobName, type CodeMailPayload } from '@world-it/contracts';
import { InProcessJobQueue } from './in-process-job.queue';
import { JobRegistry } from './job-registry';

const payload: CodeMailPayload = {
  to: 'a@example.test',
  language: 'en',
  displayName: 'A',
  code: '123456',
  expiresAt: new Date(0).toISOString(),
};

/** The embedded queue counts its jobs by state as Bull does, so the admin stats read alike in both modes. */
describe('InProcessJobQueue counts', () => {
  let registry: JobRegistry;
  let queue: InProcessJobQueue;
  let release: () => void;
  // The retries log warnings by design; they are not this spec's output.
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new JobRegistry();
    const gate = new Promise<void>((r) => (release = r));
    registry.register(JobName.RegistrationCode, () => gate);
    registry.register(JobName.PasswordResetCode, () => Promise.reject(new Error('SMTP down')));
    queue = new InProcessJobQueue(registry);
  });
  afterEach(async () => {
    release();
    await queue.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('is named like the Bull queue it stands in for', () => {
    expect(queue.name).toBe('jobs');
  });

  it('tells waiting (due now) from delayed (due later), then active, then completed', async () => {
    await queue.add(JobName.RegistrationCode, payload, { jobId: 'now' });
    await queue.add(JobName.RegistrationCode, payload, { jobId: 'later', delayMs: 60_000 });
    expect(await queue.counts()).toEqual({ waiting: 1, active: 0, failed: 0, completed: 0, delayed: 1 });

    await jest.advanceTimersByTimeAsync(0);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 1, failed: 0, completed: 0, delayed: 1 });

    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, failed: 0, completed: 1, delayed: 1 });

    await jest.advanceTimersByTimeAsync(60_000);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, failed: 0, completed: 2, delayed: 0 });
  });

  it('counts a retry waiting out its backoff as delayed, and a job out of attempts as failed', async () => {
    await queue.add(JobName.PasswordResetCode, payload, { jobId: 'flaky' });
    await jest.advanceTimersByTimeAsync(0);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, failed: 0, completed: 0, delayed: 1 });
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, failed: 1, completed: 0, delayed: 0 });
  });
});

/** Embedded mode is one process: a repeated job runs once per period from one timer, until shutdown. */
describe('InProcessJobQueue repeat', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the job once per period, a second schedule replaces the first, and shutdown stops it', async () => {
    const registry = new JobRegistry();
    let runs = 0;
    registry.register(JobName.HousekeepingSessions, async () => {
      runs++;
    });
    const queue = new InProcessJobQueue(registry);
    await queue.repeat(JobName.HousekeepingSessions, {}, 60_000);
    await queue.repeat(JobName.HousekeepingSessions, {}, 60_000); // scheduling again adds no second timer
    await jest.advanceTimersByTimeAsync(59_999);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(10); // the period's job starts on the next tick (a 0 ms timer is 1 ms)
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(runs).toBe(3);
    expect((await queue.counts()).completed).toBe(3);
    await queue.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(3);
  });
});
