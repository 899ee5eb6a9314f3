import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, JOB_QUEUE, type JobName, type JobPayloads } from '@world-it/contracts';
import { randomUUID } from 'node:crypto';
import { JobQueue, type JobOptions, type QueueCounts } from './job-queue';
import { JobRegistry } from './job-registry';

interface PendingJob {
  timer: NodeJS.Timeout;
  active: boolean;
  /** When its timer fires (epoch ms): before that it counts as delayed, after as waiting. */
  dueAt: number;
}

/**
 * Without Redis, jobs run in this process through the same handlers the worker uses, with the same
 * attempts and exponential backoff. Nothing survives a restart here, which is why mail is first
 * persisted in the outbox table and relayed (and the digest is scheduled again by the next message).
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Named as the Bull queue it stands in for, so the admin stats read alike in both modes. */
  readonly name = JOB_QUEUE;
  private readonly log = new Logger('InProcessQueue');
  private readonly jobs = new Map<string, PendingJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly repeating = new Map<string, NodeJS.Timeout>();
  private completed = 0;
  private failed = 0;
  private closed = false;

  constructor(private readonly handlers: JobRegistry) {
    super();
  }

  /** This process runs the jobs: every job name must have a handler, or the boot fails. */
  onApplicationBootstrap(): void {
    this.handlers.assertComplete();
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('Queue is closed');
    const jobId = options.jobId ?? randomUUID();
    if (this.jobs.has(jobId)) return;
    this.schedule(jobId, name, data, 1, options.delayMs ?? 0);
  }

  /** One timer per name in this (the only) process; each run is an ordinary job with a per-period id. */
  async repeat<N extends JobName>(name: N, data: JobPayloads[N], everyMs: number): Promise<void> {
    if (this.closed) throw new Error('Queue is closed');
    clearInterval(this.repeating.get(name));
    const timer = setInterval(() => {
      if (this.closed) return;
      void this.add(name, data, { jobId: `repeat:${name}:${Math.floor(Date.now() / everyMs)}` });
    }, everyMs);
    timer.unref();
    this.repeating.set(name, timer);
  }

  private schedule(jobId: string, name: string, data: unknown, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      const job = this.jobs.get(jobId);
      if (job) job.active = true;
      const run = this.handlers
        .dispatch(name, data, { jobId, attempt })
        .then(() => {
          this.jobs.delete(jobId);
          this.completed++;
        })
        .catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (attempt < JOB_ATTEMPTS && !this.closed) {
            this.log.warn(`${name} ${jobId} failed (attempt ${attempt}): ${message}; retrying`);
            this.schedule(jobId, name, data, attempt + 1, JOB_BACKOFF_MS * 2 ** (attempt - 1));
          } else {
            this.log.error(`${name} ${jobId} failed for good: ${message}`);
            this.jobs.delete(jobId);
            this.failed++;
          }
        })
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    timer.unref();
    this.jobs.set(jobId, { timer, active: false, dueAt: Date.now() + delayMs });
  }

  async remove(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.active) return;
    clearTimeout(job.timer);
    this.jobs.delete(jobId);
  }

  async counts(): Promise<QueueCounts> {
    const now = Date.now();
    let active = 0;
    let delayed = 0;
    for (const j of this.jobs.values()) {
      if (j.active) active++;
      else if (j.dueAt > now) delayed++;
    }
    return {
      waiting: this.jobs.size - active - delayed,
      active,
      failed: this.failed,
      completed: this.completed,
      delayed,
    };
  }

  /** Lets jobs in flight finish; drops those still waiting (their outbox rows remain to be relayed). */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.repeating.values()) clearInterval(timer);
    for (const job of this.jobs.values()) if (!job.active) clearTimeout(job.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when nothing is waiting or running (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || [...this.jobs.values()].some((j) => j.active)) {
      await Promise.allSettled([...this.running]);
      await new Promise((r) => setImmediate(r));
    }
  }
}
