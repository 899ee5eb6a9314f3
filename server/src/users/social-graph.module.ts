import { Global, Module } from '@nestjs/common';
import { BlockChecker, FriendDirectory, NoBlockingYet, NoFriendsYet } from './social-graph';

/**
 * Who is whose friend and who blocks whom, as the seams chat, notifications and posts ask through.
 * Global so every feature injects the same answer; the friendships module supplies the real one.
 */
@Global()
@Module({
  providers: [
    { provide: BlockChecker, useClass: NoBlockingYet },
    { provide: FriendDirectory, useClass: NoFriendsYet },
  ],
  exports: [BlockChecker, FriendDirectory],
})
export class SocialGraphModule {}
