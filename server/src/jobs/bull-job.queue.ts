import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import {
  MAIL_JOB_ATTEMPTS,
  MAIL_JOB_BACKOFF_MS,
  MAIL_QUEUE,
  type MailJobName,
  type MailPayloads,
} from '@world-it/contracts';
import type { Queue } from 'bull';
import { MailQueue, type JobOptions, type QueueCounts } from './job-queue';

/** Producer side on Redis: the API only enqueues; the worker process consumes. */
@Injectable()
export class BullMailQueue extends MailQueue {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly queue: Queue) {
    super();
  }

  async add<N extends MailJobName>(name: N, data: MailPayloads[N], options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: MAIL_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: MAIL_JOB_BACKOFF_MS },
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
    return { waiting: c.waiting + c.delayed, active: c.active, failed: c.failed, completed: c.completed };
  }
}
