import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module';
import { AlbumsModule } from './albums/albums.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { ChatModule } from './chat/chat.module';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProfilesModule } from './profiles/profiles.module';
import { DomainEventsModule } from './common/events/domain-events.module';
import { FriendshipsModule } from './friendships/friendships.module';
import { PostsModule } from './posts/posts.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { MetricsModule } from './metrics/metrics.module';

/** The API process: HTTP + the chat gateway. Built from the validated config so transports are chosen once. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The worker consumes Bull jobs; with an embedded database it cannot (one process), so the API does.
        CoreModule.forRoot(config, { consumeJobs: config.embedded }),
        ScheduleModule.forRoot(),
        RateLimitModule,
        DomainEventsModule,
        MetricsModule,
        FriendshipsModule,
        HealthModule,
        AuthModule,
        MediaModule,
        ChatModule,
        ProfilesModule,
        NotificationsModule,
        AlbumsModule,
        PostsModule,
        AdminModule,
        HousekeepingModule,
        PrivacyModule,
      ],
    };
  }
}
