import { Module, type DynamicModule } from '@nestjs/common';
import { ChatDigestModule } from './chat/chat-digest.module';
import { AppLoggerModule } from './common/logging/logger.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MailModule } from './mail/mail.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** The mail worker process: no HTTP, consumes the Bull mail queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        AppLoggerModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot(config, { consume: true }),
        MailModule.forRoot(config),
        ChatDigestModule,
      ],
    };
  }
}
