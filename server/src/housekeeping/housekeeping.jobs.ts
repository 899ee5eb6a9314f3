import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HOUSEKEEPING_JOBS, JobName, type HousekeepingJobName } from '@world-it/contracts';
import { JobQueue } from '../jobs/job-queue';
import { JobRegistry } from '../jobs/job-registry';
import { RegistrationCodeService } from '../registration-code/registration-code.service';
import { HousekeepingService } from './housekeeping.service';

/**
 * The housekeeping jobs: handlers (run where jobs run: the worker, or the API without Redis) and their
 * schedules. Every process that boots schedules all of them: on Bull that is one repeatable job per name
 * (a fixed id, so several processes share one schedule and each period runs once); in-process, one
 * timer. The mail job's handler lives with the mail tables (MailHousekeeping).
 */
@Injectable()
export class HousekeepingJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('Housekeeping');

  constructor(
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    private readonly housekeeping: HousekeepingService,
    private readonly codes: RegistrationCodeService,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.HousekeepingSessions, async () => {
      const n = await this.housekeeping.sessions();
      if (n.sessions || n.refreshTokens) {
        this.log.log(`Deleted ${n.sessions} ended session(s) and ${n.refreshTokens} spent refresh token(s)`);
      }
    });
    this.registry.register(JobName.HousekeepingCodes, async () => {
      const n = await this.codes.deleteDeadCodes();
      if (n) this.log.log(`Deleted ${n} dead code(s)`);
    });
    this.registry.register(JobName.HousekeepingUploads, async () => {
      const n = await this.housekeeping.uploads();
      if (n.rows || n.files) this.log.log(`Deleted ${n.rows} orphaned image row(s) and ${n.files} orphaned file(s)`);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, everyMs] of Object.entries(HOUSEKEEPING_JOBS) as [HousekeepingJobName, number][]) {
      await this.queue.repeat(name, {}, everyMs);
    }
  }
}
