import { Module } from '@nestjs/common';
import { PresenceModule } from '../realtime/presence.module';
import { UnreadDigestHandler } from './unread-digest.handler';
import { UnreadDigestScheduler } from './unread-digest.scheduler';

/**
 * What the chat shares with the mail worker: presence (read from Redis, so the worker knows who is
 * online) and the unread digest (scheduled by the API, handled where mail jobs run). Imported by the
 * ChatModule (API) and by the WorkerModule.
 */
@Module({
  imports: [PresenceModule],
  providers: [UnreadDigestScheduler, UnreadDigestHandler],
  exports: [PresenceModule, UnreadDigestScheduler],
})
export class ChatDigestModule {}
