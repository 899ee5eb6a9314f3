import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { PresenceModule } from './presence.module';
import { RealtimeEmitter } from './realtime-emitter';
import { SocketLifecycle } from './socket-lifecycle.service';

/**
 * Live delivery for every feature (API process): the socket lifecycle (handshake auth, channels,
 * presence, session revocation) and the one typed emitter. Import it to push (`RealtimeEmitter`),
 * to read presence (`PresenceService`) or to take part in the socket lifecycle (`SocketLifecycle`).
 */
@Module({
  imports: [AuthModule, UsersModule, PresenceModule],
  providers: [RealtimeEmitter, SocketLifecycle],
  exports: [RealtimeEmitter, SocketLifecycle, PresenceModule],
})
export class RealtimeModule {}
