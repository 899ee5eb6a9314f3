import { Module } from '@nestjs/common';
import { PresenceService } from './presence.service';

/**
 * Who is online (Redis-backed across processes): used by realtime, chat, profiles and the unread
 * digest. A module of its own so the worker can read presence without the socket lifecycle.
 */
@Module({ providers: [PresenceService], exports: [PresenceService] })
export class PresenceModule {}
