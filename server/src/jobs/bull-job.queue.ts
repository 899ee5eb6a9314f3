import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, JOB_QUEUE, type JobName, type JobPayloads } from '@world-it/contracts';
import type { Queue } from 'bull';
import { JobQueue, type JobOptions, type QueueCounts } from './job-queue';

/** Producer side on Redis: the API only enqueues; the worker process consumes. */
@Injectable()
export class BullJobQueue extends JobQueue {
  readonly name = JOB_QUEUE;

  constructor(@InjectQueue(JOB_QUEUE) private readonly queue: Queue) {
    super();
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
  }

  async repeat<N extends JobName>(name: N, data: JobPayloads[N], everyMs: number): Promise<void> {
    // A schedule of this job with another period (an older version of the app) would run besides this one.
    for (const r of await this.queue.getRepeatableJobs()) {
      if (r.name === name && Number(r.every) !== everyMs) await this.queue.removeRepeatableByKey(r.key);
    }
    // Same name + jobId + period → the same repeat key: every process adding it shares one schedule,
    // and each run's job id is derived from the key and the period's start, so a run is enqueued once.
    await this.queue.add(name, data, {
      jobId: `${name}-schedule`, // no ":" in it: Bull splits its repeat keys on ":"
      repeat: { every: everyMs },
      attempts: 1,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }

  async remove(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (!job) return;
    const state = await job.getState();
    if (state === 'delayed' || state === 'waiting') await job.remove();
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts();
    return { waiting: c.waiting, active: c.active, failed: c.failed, completed: c.completed, delayed: c.delayed };
  }
}
