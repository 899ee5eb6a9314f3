import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PresenceModule } from '../realtime/presence.module';
import { UsersModule } from '../users/users.module';
import { AdminStatsRepository } from './admin-stats.repository';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { QueueDashboardSessions } from './queue-dashboard/queue-dashboard-sessions';
import { QueueDashboardController } from './queue-dashboard/queue-dashboard.controller';

/**
 * The site admin: the accounts list, bans (through the sessions of AuthModule, whose revocations drop
 * the sockets), the stats, and the queue dashboard's hand-over (the board is mounted by configureApp).
 * The job queue comes from the global JobsModule.
 */
@Module({
  imports: [AuthModule, UsersModule, PresenceModule],
  controllers: [AdminController, QueueDashboardController],
  providers: [AdminService, AdminStatsRepository, QueueDashboardSessions],
})
export class AdminModule {}
