import { Module, type DynamicModule } from '@nestjs/common';
import { ChatDigestModule } from './chat/chat-digest.module';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { WorkerHeartbeat } from './health/worker-heartbeat';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { PrivacyJobsModule } from './privacy/privacy-jobs.module';

/**
 * The worker process: no HTTP, consumes the Bull job queue. Every module holding a job handler is
 * imported here (MailModule through CoreModule, the digest), or the boot fails naming the job.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, { consumeJobs: true }),
        ChatDigestModule,
        HousekeepingModule,
        PrivacyJobsModule,
      ],
      providers: [WorkerHeartbeat],
    };
  }
}
