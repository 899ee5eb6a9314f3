import { Module, type DynamicModule } from '@nestjs/common';
import { ChatDigestModule } from './chat/chat-digest.module';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';

/** The mail worker process: no HTTP, consumes the Bull mail queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { consumeJobs: true }), ChatDigestModule],
    };
  }
}
