import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PresenceModule } from '../realtime/presence.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { BlockChecker, FriendDirectory } from '../users/social-graph';
import { UsersModule } from '../users/users.module';
import { BlockEntity } from './block.entity';
import { BlocksRepository } from './blocks.repository';
import { FriendshipEntity } from './friendship.entity';
import { FriendshipsController } from './friendships.controller';
import { FriendshipsRepository } from './friendships.repository';
import { FriendshipsService } from './friendships.service';
import { FriendshipsSocialGraph } from './social-graph.provider';

/**
 * Friendships and blocks. Global because it provides the social-graph seams every feature asks
 * (`BlockChecker`, `FriendDirectory` in users/social-graph.ts): chat (DMs, presence), profiles and
 * auth (friendship, friendsCount), notifications and posts.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([FriendshipEntity, BlockEntity]), UsersModule, PresenceModule, RealtimeModule],
  controllers: [FriendshipsController],
  providers: [
    FriendshipsRepository,
    BlocksRepository,
    FriendshipsService,
    FriendshipsSocialGraph,
    { provide: BlockChecker, useExisting: FriendshipsSocialGraph },
    { provide: FriendDirectory, useExisting: FriendshipsSocialGraph },
  ],
  exports: [BlockChecker, FriendDirectory],
})
export class FriendshipsModule {}
