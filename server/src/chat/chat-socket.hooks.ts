import { Injectable, type OnModuleInit } from '@nestjs/common';
import { roomChannel, userChannel } from '../realtime/channels';
import { SocketLifecycle } from '../realtime/socket-lifecycle.service';
import { ChatService } from './chat.service';
import { BlockChecker, FriendDirectory } from '../users/social-graph';
import { TypingService } from './typing.service';

/**
 * The chat's part in every socket's life: a socket joins the channels of its user's rooms at connect;
 * presence goes to room co-members (their room channels) and friends (their user channels), never to
 * anyone in a block with the user; when the
 * user's last socket closes, their typing stops.
 */
@Injectable()
export class ChatSocketHooks implements OnModuleInit {
  constructor(
    private readonly lifecycle: SocketLifecycle,
    private readonly chat: ChatService,
    private readonly typing: TypingService,
    private readonly friends: FriendDirectory,
    private readonly blocks: BlockChecker,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register({
      channelsOf: async (userId) => (await this.chat.roomIdsOf(userId)).map(roomChannel),
      presenceAudienceOf: async (userId) => {
        const [roomIds, friendIds] = await Promise.all([this.chat.roomIdsOf(userId), this.friends.friendIdsOf(userId)]);
        return [...roomIds.map(roomChannel), ...friendIds.map(userChannel)];
      },
      // A block hides presence both ways, also from a group both are in.
      presenceHiddenFrom: (userId) => this.blocks.blockedPeersOf(userId),
      wentOffline: (userId) => this.typing.stopAll(userId),
    });
  }
}
