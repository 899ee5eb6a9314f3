import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { ChatEvents } from './chat-events';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ChatStore } from './chat.store';
import { PresenceService } from './presence.service';
import { BlockChecker, FriendDirectory, NoBlockingYet, NoFriendsYet } from './social-graph';
import { TypingService } from './typing.service';
import { UnreadDigestScheduler } from './unread-digest.scheduler';

/** The messenger: REST, the /chat socket gateway, presence and typing (API process only). */
@Module({
  imports: [AuthModule, MediaModule],
  controllers: [ChatController],
  providers: [
    ChatService,
    ChatStore,
    ChatEvents,
    ChatGateway,
    PresenceService,
    TypingService,
    UnreadDigestScheduler,
    // Until the friendships module provides the real ones (see social-graph.ts).
    { provide: BlockChecker, useClass: NoBlockingYet },
    { provide: FriendDirectory, useClass: NoFriendsYet },
  ],
  exports: [ChatService, PresenceService],
})
export class ChatModule {}
