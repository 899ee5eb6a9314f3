import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_QUEUE } from '@world-it/contracts';
import type { Job, Queue } from 'bull';
import { JobRegistry } from './job-registry';

const CONCURRENCY = 4;

/** The worker's consumer: every named job on the Bull queue goes to its registered handler. */
@Injectable()
export class BullJobConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('JobConsumer');

  constructor(
    @InjectQueue(JOB_QUEUE) private readonly queue: Queue,
    private readonly handlers: JobRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers.assertComplete();
    void this.queue.process('*', CONCURRENCY, (job: Job) =>
      this.handlers.dispatch(job.name, job.data, { jobId: String(job.id), attempt: job.attemptsMade + 1 }),
    );
    this.queue.on('failed', (job: Job, err: Error) =>
      this.log.warn(`${job.name} ${String(job.id)} failed (attempt ${job.attemptsMade}): ${err.message}`),
    );
    this.log.log(`Consuming "${JOB_QUEUE}" with concurrency ${CONCURRENCY}`);
  }

  /** Graceful: stop taking jobs and wait for the ones in progress. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
