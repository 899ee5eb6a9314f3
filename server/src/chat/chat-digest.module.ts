import { Module } from '@nestjs/common';
import { PresenceModule } from '../realtime/presence.module';
import { UsersModule } from '../users/users.module';
import { UnreadDigestHandler } from './unread-digest.handler';
import { UnreadDigestScheduler } from './unread-digest.scheduler';
import { UnreadDigestStore } from './unread-digest.store';

/**
 * What the chat shares with the worker: presence (read from Redis, so the worker knows who is
 * online) and the unread digest (scheduled by the API, handled where jobs run). Imported by the
 * ChatModule (API) and by the WorkerModule.
 */
@Module({
  imports: [PresenceModule, UsersModule],
  providers: [UnreadDigestStore, UnreadDigestScheduler, UnreadDigestHandler],
  exports: [PresenceModule, UnreadDigestScheduler],
})
export class ChatDigestModule {}
