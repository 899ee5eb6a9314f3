import { BullModule } from '@nestjs/bull';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { JOB_QUEUE } from '@world-it/contracts';
import type { AppConfig } from '../config/app-config';
import { BullJobConsumer } from './bull-job.consumer';
import { BullJobQueue } from './bull-job.queue';
import { InProcessJobQueue } from './in-process-job.queue';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';

/**
 * The job queue, on one of two transports chosen by REDIS_URL: Bull on Redis (services mode) or
 * in-process (embedded mode). `consume` says whether this process consumes the Bull queue (the
 * worker); without Redis the producing process always runs the jobs. Global: producers inject
 * `JobQueue`, handler modules inject `JobRegistry`.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, { consume }: { consume: boolean }): DynamicModule {
    if (!config.redisUrl) {
      return {
        module: JobsModule,
        providers: [JobRegistry, InProcessJobQueue, { provide: JobQueue, useExisting: InProcessJobQueue }],
        exports: [JobRegistry, JobQueue, InProcessJobQueue],
      };
    }
    const providers: Provider[] = [JobRegistry, BullJobQueue, { provide: JobQueue, useExisting: BullJobQueue }];
    if (consume) providers.push(BullJobConsumer);
    const bull = BullModule.registerQueue({ name: JOB_QUEUE });
    return {
      module: JobsModule,
      imports: [BullModule.forRoot({ url: config.redisUrl, prefix: config.queuePrefix }), bull],
      providers,
      exports: [JobRegistry, JobQueue, bull],
    };
  }
}
