import { BullModule } from '@nestjs/bull';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { MAIL_QUEUE } from '@world-it/contracts';
import type { AppConfig } from '../config/app-config';
import { BullMailConsumer } from './bull-job.consumer';
import { BullMailQueue } from './bull-job.queue';
import { InProcessMailQueue } from './in-process-job.queue';
import { JobHandlers } from './job-registry';
import { MailQueue } from './job-queue';

/**
 * The mail queue, on one of two transports chosen by REDIS_URL. `consume` says whether this process
 * consumes the Bull queue (the worker); without Redis the producing process always runs the jobs.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, { consume }: { consume: boolean }): DynamicModule {
    if (!config.redisUrl) {
      return {
        module: QueueModule,
        providers: [JobHandlers, InProcessMailQueue, { provide: MailQueue, useExisting: InProcessMailQueue }],
        exports: [JobHandlers, MailQueue, InProcessMailQueue],
      };
    }
    const providers: Provider[] = [JobHandlers, BullMailQueue, { provide: MailQueue, useExisting: BullMailQueue }];
    if (consume) providers.push(BullMailConsumer);
    const bull = BullModule.registerQueue({ name: MAIL_QUEUE });
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ url: config.redisUrl, prefix: config.queuePrefix }), bull],
      providers,
      exports: [JobHandlers, MailQueue, bull],
    };
  }
}
