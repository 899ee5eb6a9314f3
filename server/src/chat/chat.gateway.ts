import { HttpException, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import {
  CHAT_NAMESPACE,
  SOCKET_PAYLOAD_MAX_BYTES,
  type Ack,
  type ClientToServerEvents,
  type Message,
  type ServerToClientEvents,
  type SocketErrorCode,
  type UserSummary,
} from '@world-it/contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokenService } from '../auth/access-token.service';
import type { AuthUser } from '../auth/auth-user';
import { SessionRevocations } from '../auth/session-revocations';
import { AppConfig } from '../config/app-config';
import { UsersRepository } from '../users/users.repository';
import { ChatEvents, roomChannel, sessionChannel, userChannel, watchChannel } from './chat-events';
import { ChatService } from './chat.service';
import { ChatStore } from './chat.store';
import { PresenceService } from './presence.service';
import { SlidingWindowLimiter } from './rate-limiter';
import { FriendDirectory } from './social-graph';
import { TypingService } from './typing.service';
import {
  DeleteMessageEventDto,
  EditMessageEventDto,
  ReadEventDto,
  RoomRefDto,
  SendMessageEventDto,
  TypingEventDto,
} from './dto/socket-payloads.dto';

const RATE_WINDOW_MS = 10_000;
/** Every other event (typing, read, watch...) gets this many times the message allowance. */
const OTHER_EVENTS_FACTOR = 10;
/** socket.io's own frame limit sits well above ours, so an oversized payload is answered, not cut off. */
export const SOCKET_FRAME_MAX_BYTES = 1024 * 1024;

interface SocketData {
  user: AuthUser;
  /** The handshake token: checked again once the socket has joined its session channel. */
  token: string;
  /** When the handshake's access token expires (ms); after that every event is `unauthorized`. */
  expiresAt: number;
  summary: UserSummary;
  roomIds: string[];
  messages: SlidingWindowLimiter;
  others: SlidingWindowLimiter;
}
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** CORS for the polling transport follows CORS_ORIGINS; set from the config when the gateway starts. */
let allowedOrigins: string[] = [];

/**
 * The chat over socket.io (namespace /chat). Thin: it authenticates the handshake, keeps each socket
 * subscribed to its channels, measures, rate-limits and validates every payload, and calls the same
 * ChatService methods as the REST controller. A handler never throws: every outcome is an ack.
 *
 * A socket lives no longer than what signed it in: when its session is revoked it is disconnected
 * (through its `session:<id>` channel, on whichever process holds it), and an event arriving after
 * its access token expired is answered `unauthorized` and the socket disconnected, so the client
 * reconnects with a fresh token.
 */
@SkipThrottle()
@WebSocketGateway({
  namespace: CHAT_NAMESPACE,
  maxHttpBufferSize: SOCKET_FRAME_MAX_BYTES,
  cors: {
    origin: (origin: string | undefined, cb: (err: Error | null, ok?: boolean) => void) =>
      cb(null, !origin || allowedOrigins.includes(origin)),
  },
})
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown {
  private readonly log = new Logger('ChatGateway');
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly chat: ChatService,
    private readonly store: ChatStore,
    private readonly events: ChatEvents,
    private readonly presence: PresenceService,
    private readonly typing: TypingService,
    private readonly friends: FriendDirectory,
    private readonly tokens: AccessTokenService,
    private readonly revocations: SessionRevocations,
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  afterInit(ns: Namespace): void {
    allowedOrigins = this.config.corsOrigins;
    this.events.bind(ns);
    this.stopListening = this.revocations.listen((sessionIds) => this.events.disconnectSessions(sessionIds));
    // Authenticate before the connection is accepted: a bad token is a connect_error "unauthorized".
    ns.use((socket, next) => {
      this.authenticate(socket as ChatSocket)
        .then(() => next())
        .catch((err: unknown) => {
          if (!(err instanceof UnauthorizedSocket)) this.log.error(err instanceof Error ? err.stack : String(err));
          next(new Error('unauthorized'));
        });
    });
  }

  private async authenticate(socket: ChatSocket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const verified = await this.tokens.verifyWithExpiry(typeof token === 'string' ? token : null);
    if (!verified) throw new UnauthorizedSocket();
    const { user, expiresAt } = verified;
    const summary = await this.store.activeUser(user.id);
    if (!summary) throw new UnauthorizedSocket();
    const limit = this.config.rateLimitSocketMessages;
    socket.data = {
      user,
      token: token as string,
      expiresAt: expiresAt.getTime(),
      summary,
      roomIds: await this.chat.roomIdsOf(user.id),
      messages: new SlidingWindowLimiter(limit, RATE_WINDOW_MS),
      others: new SlidingWindowLimiter(limit * OTHER_EVENTS_FACTOR, RATE_WINDOW_MS),
    };
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    const { user, roomIds } = socket.data;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    // Synchronously, before anything else can be delivered: the user's and the session's channels and
    // every room of theirs.
    void socket.join([userChannel(user.id), sessionChannel(user.sessionId), ...roomIds.map(roomChannel)]);
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

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    const user = socket.data?.user;
    if (!user) return;
    try {
      if (await this.presence.disconnected(user.id, socket.id)) {
        await this.typing.stopAll(user.id);
        await this.announcePresence(user.id, false, await this.users.touchLastSeen(user.id));
      }
    } catch (err) {
      this.log.warn(`presence on disconnect failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** To room co-members (their room channels) and friends (their user channels). */
  private async announcePresence(userId: string, online: boolean, lastSeenAt: Date | null): Promise<void> {
    const [roomIds, friendIds] = await Promise.all([this.chat.roomIdsOf(userId), this.friends.friendIdsOf(userId)]);
    this.events.toChannels([...roomIds.map(roomChannel), ...friendIds.map(userChannel)], 'presence', {
      userId,
      online,
      lastSeenAt: lastSeenAt ? lastSeenAt.toISOString() : null,
    });
  }

  onApplicationShutdown(): void {
    allowedOrigins = [];
    this.stopListening?.();
    this.stopListening = null;
  }

  // ---- events ----

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<{ message: Message }>> {
    return this.handle(socket, body, SendMessageEventDto, 'message', async (p) => {
      const { message } = await this.chat.sendMessage(socket.data.user.id, p.roomId, p);
      return { ok: true, message };
    });
  }

  @SubscribeMessage('message:edit')
  edit(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<{ message: Message }>> {
    return this.handle(socket, body, EditMessageEventDto, 'message', async (p) => {
      const message = await this.chat.editMessage(socket.data.user.id, p.roomId, p.messageId, p.content);
      return { ok: true, message };
    });
  }

  @SubscribeMessage('message:delete')
  remove(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, DeleteMessageEventDto, 'message', async (p) => {
      await this.chat.deleteMessage(socket.data.user, p.roomId, p.messageId);
      return { ok: true };
    });
  }

  @SubscribeMessage('typing')
  typingEvent(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, TypingEventDto, 'other', async (p) => {
      // Subscribed to the room's channel means being a member (kept current on join/leave).
      if (!socket.rooms.has(roomChannel(p.roomId))) return fail('not_found', 'Room not found');
      await this.typing.set(p.roomId, socket.data.summary, p.isTyping);
      return { ok: true };
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, ReadEventDto, 'other', async (p) => {
      await this.chat.markRead(socket.data.user.id, p.roomId, p.messageId);
      return { ok: true };
    });
  }

  @SubscribeMessage('room:watch')
  watch(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, RoomRefDto, 'other', async (p) => {
      await this.chat.assertWatchable(socket.data.user.id, p.roomId);
      await socket.join(watchChannel(p.roomId));
      return { ok: true };
    });
  }

  @SubscribeMessage('room:unwatch')
  unwatch(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, RoomRefDto, 'other', async (p) => {
      await socket.leave(watchChannel(p.roomId));
      return { ok: true };
    });
  }

  /** Size, rate, shape, then the action; any failure becomes `{ ok: false, error }`. */
  private async handle<D extends object, A extends object>(
    socket: ChatSocket,
    body: unknown,
    dto: ClassConstructor<D>,
    kind: 'message' | 'other',
    action: (payload: D) => Promise<Ack<A>>,
  ): Promise<Ack<A>> {
    try {
      if (Date.now() >= socket.data.expiresAt) {
        // After the ack has gone out (socket.io flushes it before closing): the client reconnects
        // with a fresh token.
        setTimeout(() => socket.disconnect(true), 0);
        return fail('unauthorized', 'The access token has expired: reconnect with a fresh one');
      }
      if (payloadBytes(body) > SOCKET_PAYLOAD_MAX_BYTES)
        return fail('too_large', `The payload is larger than ${SOCKET_PAYLOAD_MAX_BYTES / 1024} KB`);
      const limiter = kind === 'message' ? socket.data.messages : socket.data.others;
      if (!limiter.take()) return fail('rate_limited', 'Too many events: slow down');
      const payload = await validatePayload(dto, body);
      if (typeof payload === 'string') return fail('validation', payload);
      return await action(payload);
    } catch (err) {
      return this.toError(err);
    }
  }

  private toError(err: unknown): { ok: false; error: { code: SocketErrorCode; message: string } } {
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse() as { message?: string | string[]; code?: string } | string;
      const raw = typeof body === 'string' ? body : (body.message ?? err.message);
      const message = Array.isArray(raw) ? raw.join('; ') : raw;
      if (typeof body === 'object' && body.code === 'blocked') return fail('blocked', message);
      if (status === 404) return fail('not_found', message);
      if (status === 403) return fail('forbidden', message);
      if (status === 429) return fail('rate_limited', message);
      if (status === 413) return fail('too_large', message);
      if (status >= 400 && status < 500) return fail('validation', message);
    }
    this.log.error(err instanceof Error ? err.stack : String(err));
    return fail('internal', 'Something went wrong');
  }
}

class UnauthorizedSocket extends Error {}

function fail(
  code: SocketErrorCode,
  message: string,
): { ok: false; error: { code: SocketErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

export function payloadBytes(body: unknown): number {
  if (body === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The payload as a validated DTO, or a message naming what is wrong. */
export async function validatePayload<D extends object>(dto: ClassConstructor<D>, body: unknown): Promise<D | string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The payload must be an object';
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) return flatten(errors).join('; ');
  return instance;
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...flatten(e.children ?? [])]);
}
