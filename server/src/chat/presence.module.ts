import { Module } from '@nestjs/common';
import { PresenceService } from './presence.service';

/** Who is online (Redis-backed across processes): used by chat, profiles and the unread digest. */
@Module({ providers: [PresenceService], exports: [PresenceService] })
export class PresenceModule {}
