import type { MailJobName, MailPayloads } from '@world-it/contracts';

export interface JobOptions {
  /** Dedupe key: a second job with the same id is ignored while the first exists. */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  failed: number;
  completed: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
}

/**
 * The mail queue as producers see it. Two transports implement it: Bull on Redis (jobs consumed by
 * the worker process) and in-process (jobs run in this process through the same handlers).
 */
export abstract class MailQueue {
  abstract add<N extends MailJobName>(name: N, data: MailPayloads[N], options?: JobOptions): Promise<void>;
  abstract remove(jobId: string): Promise<void>;
  abstract counts(): Promise<QueueCounts>;
}

export type JobHandler<N extends MailJobName> = (data: MailPayloads[N], ctx: JobContext) => Promise<void>;
