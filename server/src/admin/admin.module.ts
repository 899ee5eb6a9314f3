import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PresenceModule } from '../realtime/presence.module';
import { UsersModule } from '../users/users.module';
import { AdminStatsRepository } from './admin-stats.repository';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';

/**
 * The site admin: the accounts list, bans (through the sessions of AuthModule, whose revocations drop
 * the sockets) and the stats. The job queue comes from the global JobsModule.
 */
@Module({
  imports: [AuthModule, UsersModule, PresenceModule],
  controllers: [AdminController],
  providers: [AdminService, AdminStatsRepository],
})
export class AdminModule {}
