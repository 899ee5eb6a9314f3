import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@world-it/contracts';
import type { JobContext, JobHandler } from './job-queue';

/**
 * Job name → handler. Feature modules register their handlers in `onModuleInit`; both transports
 * dispatch through it, and a process that runs jobs refuses to boot while a name has no handler.
 */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" already has a handler`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  /** Fails the boot of a consuming process when a job name has no handler. */
  assertComplete(): void {
    const missing = Object.values(JobName).filter((n) => !this.handlers.has(n));
    if (missing.length) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
  }

  async dispatch(name: string, data: unknown, ctx: JobContext): Promise<void> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    await handler(data as JobPayloads[JobName], ctx);
  }
}
