import { Injectable } from '@nestjs/common';
import { MailJob, type MailJobName, type MailPayloads } from '@world-it/contracts';
import type { JobContext, JobHandler } from './job-queue';

/** Where feature modules register the handler of each job name; both transports dispatch through it. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<MailJobName, JobHandler<MailJobName>>();

  register<N extends MailJobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" already has a handler`);
    this.handlers.set(name, handler as JobHandler<MailJobName>);
  }

  /** Fails the boot of a consuming process when a job name has no handler. */
  assertComplete(): void {
    const missing = Object.values(MailJob).filter((n) => !this.handlers.has(n));
    if (missing.length) throw new Error(`No handler registered for mail job(s): ${missing.join(', ')}`);
  }

  async dispatch(name: string, data: unknown, ctx: JobContext): Promise<void> {
    const handler = this.handlers.get(name as MailJobName);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    await handler(data as MailPayloads[MailJobName], ctx);
  }
}
