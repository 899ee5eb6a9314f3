import type { JobName, JobPayloads, QueueCounts } from '@world-it/contracts';

export type { QueueCounts };

export interface JobOptions {
  /** Dedupe key: a second job with the same id is ignored while the first exists. */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
}

/**
 * The job queue as producers see it: any named job of the contract's `JobName` with its typed
 * payload. Two transports implement it: Bull on Redis (jobs consumed by the worker process) and
 * in-process (jobs run in this process through the same handlers). Attempts, backoff and keeping
 * failed jobs are the same for both (`JOB_ATTEMPTS`, `JOB_BACKOFF_MS`).
 */
export abstract class JobQueue {
  abstract add<N extends JobName>(name: N, data: JobPayloads[N], options?: JobOptions): Promise<void>;
  /**
   * A job that repeats every `everyMs`, run ONCE per period however many processes schedule it
   * (Bull: a repeatable job with a fixed id, one schedule key in Redis; in-process: one timer, the
   * process is alone). Scheduling again is a no-op; a changed period replaces the old schedule.
   */
  abstract repeat<N extends JobName>(name: N, data: JobPayloads[N], everyMs: number): Promise<void>;
  /** Drops a job still waiting or delayed (an active one runs on). */
  abstract remove(jobId: string): Promise<void>;
  /** The queue's name (the contract's `JOB_QUEUE`) and its jobs by state. */
  abstract readonly name: string;
  abstract counts(): Promise<QueueCounts>;
}

/** Runs one job; throwing makes it retried. Handlers are idempotent: `ctx.jobId` is the dedupe key. */
export type JobHandler<N extends JobName> = (data: JobPayloads[N], ctx: JobContext) => Promise<void>;
