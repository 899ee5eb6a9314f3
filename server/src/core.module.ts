import { Module, type DynamicModule } from '@nestjs/common';
import { AppLoggerModule } from './common/logging/logger.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { RedisModule } from './redis/redis.module';

/**
 * What both processes stand on: validated config, logging, the database (migrated), Redis, the job
 * queue and mail sending. `consumeJobs` says whether this process runs the Bull jobs.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, { consumeJobs }: { consumeJobs: boolean }): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        AppConfigModule.forRoot(config),
        AppLoggerModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        JobsModule.forRoot(config, { consume: consumeJobs }),
        MailModule.forRoot(config),
      ],
      exports: [AppConfigModule, AppLoggerModule, DatabaseModule, RedisModule, JobsModule, MailModule],
    };
  }
}
