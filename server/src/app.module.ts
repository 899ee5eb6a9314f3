import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { AppLoggerModule } from './common/logging/logger.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ChatModule } from './chat/chat.module';
import { HealthModule } from './health/health.module';
import { MediaModule } from './media/media.module';
import { MailModule } from './mail/mail.module';
import { ProfilesModule } from './profiles/profiles.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** The API process: HTTP + the chat gateway. Built from the validated config so transports are chosen once. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        AppLoggerModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        // The worker consumes Bull jobs; with an embedded database it cannot (one process), so the API does.
        QueueModule.forRoot(config, { consume: config.embedded }),
        ScheduleModule.forRoot(),
        MailModule.forRoot(config),
        HealthModule,
        AuthModule,
        MediaModule,
        ChatModule,
        ProfilesModule,
      ],
    };
  }
}
