import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { UsersModule } from '../users/users.module';
import { ChatDigestModule } from './chat-digest.module';
import { ChatEvents } from './chat-events';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ChatStore } from './chat.store';
import { BlockChecker, FriendDirectory, NoBlockingYet, NoFriendsYet } from './social-graph';
import { TypingService } from './typing.service';

/** The messenger: REST, the /chat socket gateway, presence and typing (API process only). */
@Module({
  // ChatDigestModule brings PresenceService and the unread digest (shared with the worker).
  imports: [AuthModule, UsersModule, MediaModule, ChatDigestModule],
  controllers: [ChatController],
  providers: [
    ChatService,
    ChatStore,
    ChatEvents,
    ChatGateway,
    TypingService,
    // Until the friendships module provides the real ones (see social-graph.ts).
    { provide: BlockChecker, useClass: NoBlockingYet },
    { provide: FriendDirectory, useClass: NoFriendsYet },
  ],
  exports: [ChatService, ChatDigestModule],
})
export class ChatModule {}
