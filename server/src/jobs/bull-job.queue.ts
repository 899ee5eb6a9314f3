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
