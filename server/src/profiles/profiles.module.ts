import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { PresenceModule } from '../realtime/presence.module';
import { UsersModule } from '../users/users.module';
import { AvatarEntity } from './avatar.entity';
import { AvatarsController } from './avatars.controller';
import { AvatarsRepository } from './avatars.repository';
import { AvatarsService } from './avatars.service';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** Profiles: listing and searching people, one profile, editing my own, and my avatar history. */
@Module({
  imports: [AuthModule, UsersModule, PresenceModule, MediaModule, TypeOrmModule.forFeature([AvatarEntity])],
  controllers: [ProfilesController, AvatarsController],
  providers: [ProfilesService, AvatarsService, AvatarsRepository],
})
export class ProfilesModule {}
