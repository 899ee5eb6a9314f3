import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsListener } from './notifications.listener';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * Notifications (API process): made from domain events (friendships, chat, posts), stored, pushed live
 * through the realtime emitter, listed and marked read over REST. No other module imports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), AuthModule, UsersModule, RealtimeModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, NotificationsListener],
})
export class NotificationsModule {}
