import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { ChatDigestModule } from './chat-digest.module';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ChatSocketHooks } from './chat-socket.hooks';
import { ChatStore } from './chat.store';
import { MissedDirectMessages } from './missed-direct-messages';
import { TypingService } from './typing.service';
import { MessageEntity } from './message.entity';
import { RoomMemberEntity } from './room-member.entity';
import { RoomEntity } from './room.entity';

/** The messenger: REST, the /chat socket gateway and typing (API process only); live pushes go through realtime. */
@Module({
  // ChatDigestModule brings the unread digest (shared with the worker).
  // The entities are registered so the entities-vs-migrations check covers the chat tables too.
  imports: [
    TypeOrmModule.forFeature([RoomEntity, RoomMemberEntity, MessageEntity]),
    AuthModule,
    UsersModule,
    RealtimeModule,
    MediaModule,
    ChatDigestModule,
  ],
  controllers: [ChatController],
  providers: [ChatService, ChatStore, ChatGateway, ChatSocketHooks, TypingService, MissedDirectMessages],
  exports: [ChatService, ChatDigestModule],
})
export class ChatModule {}
