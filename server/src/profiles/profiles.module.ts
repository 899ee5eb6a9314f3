import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PresenceModule } from '../realtime/presence.module';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';
import { UsersModule } from '../users/users.module';

/** Profiles: listing and searching people, one profile, editing my own (friendships and avatars come with the People feature). */
@Module({
  imports: [AuthModule, UsersModule, PresenceModule],
  controllers: [ProfilesController],
  providers: [ProfilesService],
})
export class ProfilesModule {}
