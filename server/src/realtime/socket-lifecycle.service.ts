import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { AccessTokenService } from '../auth/access-token.service';
import { SessionRevocations } from '../auth/session-revocations';
import { toUserSummary } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { sessionChannel, userChannel } from './channels';
import { PresenceService } from './presence.service';
import { RealtimeEmitter } from './realtime-emitter';
import type { RealtimeSocket, SocketLifecycleHooks } from './realtime-socket';

class UnauthorizedSocket extends Error {}

/**
 * The life of a socket on the /chat namespace, whichever feature's events it carries: the handshake
 * is authenticated before the connection is accepted (a bad token is a connect_error
 * "unauthorized"), the socket joins its channels, presence is counted and announced, and a revoked
 * session's sockets are disconnected on whichever process holds them.
 *
 * Design: one namespace and one connection per client (the contract's `/chat`), so the one
 * `@WebSocketGateway` is the ChatGateway (every client→server event is a chat event); it hands its
 * init/connect/disconnect callbacks to this service. Other features never see sockets: they push
 * through the RealtimeEmitter and add channels or presence audiences through `register`.
 */
@Injectable()
export class SocketLifecycle {
  private readonly log = new Logger('SocketLifecycle');
  private readonly hooks: SocketLifecycleHooks[] = [];
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly emitter: RealtimeEmitter,
    private readonly presence: PresenceService,
    private readonly tokens: AccessTokenService,
    private readonly revocations: SessionRevocations,
    private readonly users: UsersRepository,
  ) {}

  /** A feature's part in every socket's lifecycle (call from `onModuleInit`). */
  register(hooks: SocketLifecycleHooks): void {
    this.hooks.push(hooks);
  }

  /** The gateway's namespace is up: bind the emitter, authenticate handshakes, follow revocations. */
  attach(ns: Namespace): void {
    this.emitter.bind(ns);
    this.stopListening = this.revocations.listen((sessionIds) => this.emitter.disconnectSessions(sessionIds));
    ns.use((socket, next) => {
      this.authenticate(socket as RealtimeSocket)
        .then(() => next())
        .catch((err: unknown) => {
          if (!(err instanceof UnauthorizedSocket)) this.log.error(err instanceof Error ? err.stack : String(err));
          next(new Error('unauthorized'));
        });
    });
  }

  detach(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const verified = await this.tokens.verifyWithExpiry(typeof token === 'string' ? token : null);
    if (!verified) throw new UnauthorizedSocket();
    const { user, expiresAt } = verified;
    const active = await this.users.findActive(user.id);
    if (!active) throw new UnauthorizedSocket();
    const summary = toUserSummary(active, (await this.presence.onlineAmong([user.id])).has(user.id));
    const contributed = await Promise.all(this.hooks.map((h) => h.channelsOf?.(user.id) ?? []));
    socket.data = {
      user,
      token: token as string,
      expiresAt: expiresAt.getTime(),
      summary,
      channels: [userChannel(user.id), sessionChannel(user.sessionId), ...contributed.flat()],
    };
  }

  async connected(socket: RealtimeSocket): Promise<void> {
    const { user, channels } = socket.data;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    // Synchronously, before anything else can be delivered: every channel of this socket.
    void socket.join(channels);
    for (const h of this.hooks) h.opened?.(socket);
    try {
      if (await this.presence.connected(user.id, socket.id)) await this.announcePresence(user.id, true, null);
    } catch (err) {
      this.log.warn(`presence on connect failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    // A revocation announced while the handshake was being checked missed this socket: look once more
    // (after presence, so a disconnect now finds this socket counted and uncounts it).
    try {
      if (!(await this.tokens.verify(socket.data.token))) socket.disconnect(true);
    } catch (err) {
      this.log.warn(`session check on connect failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async disconnected(socket: RealtimeSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user) return;
    for (const h of this.hooks) h.closed?.(socket);
    try {
      if (await this.presence.disconnected(user.id, socket.id)) {
        for (const h of this.hooks) await h.wentOffline?.(user.id);
        await this.announcePresence(user.id, false, await this.users.touchLastSeen(user.id));
      }
    } catch (err) {
      this.log.warn(`presence on disconnect failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * To every audience the features name (room co-members, friends) except the users they hide it from
   * (a block); socket.io delivers once per socket.
   */
  private async announcePresence(userId: string, online: boolean, lastSeenAt: Date | null): Promise<void> {
    const [audiences, hidden] = await Promise.all([
      Promise.all(this.hooks.map((h) => h.presenceAudienceOf?.(userId) ?? [])),
      Promise.all(this.hooks.map((h) => h.presenceHiddenFrom?.(userId) ?? [])),
    ]);
    this.emitter.toChannels(
      audiences.flat(),
      'presence',
      { userId, online, lastSeenAt: lastSeenAt ? lastSeenAt.toISOString() : null },
      hidden.flat().map(userChannel),
    );
  }
}
