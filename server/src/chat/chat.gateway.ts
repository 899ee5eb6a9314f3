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
  type Message,
  type SocketError,
  type SocketErrorCode,
} from '@world-it/contracts';
import { InputTextError, sanitiseInput } from '../common/validation/input-text';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { Namespace } from 'socket.io';
import { rateLimitedMessage } from '../common/rate-limit/rate-limit.guard';
import { SOCKET_EVENTS_FACTOR, SOCKET_WINDOW_MS, type RateBucket } from '../common/rate-limit/rate-limits';
import { UserRateLimiter } from '../common/rate-limit/user-rate-limiter.service';
import { AppConfig } from '../config/app-config';
import { roomChannel, watchChannel } from '../realtime/channels';
import type { RealtimeSocket } from '../realtime/realtime-socket';
import { SocketLifecycle } from '../realtime/socket-lifecycle.service';
import { ChatService } from './chat.service';
import { SlidingWindowLimiter } from './rate-limiter';
import { TypingService } from './typing.service';
import {
  DeleteMessageEventDto,
  EditMessageEventDto,
  ReadEventDto,
  RoomRefDto,
  SendMessageEventDto,
  TypingEventDto,
} from './dto/socket-payloads.dto';

/** socket.io's own frame limit sits well above ours, so an oversized payload is answered, not cut off. */
export const SOCKET_FRAME_MAX_BYTES = 1024 * 1024;
/** How much of an unknown event's name its error message repeats. */
const EVENT_NAME_SHOWN = 64;

/** What the chat keeps on a socket besides what the handshake established. */
interface ChatSocketState {
  /** This socket's allowance for events other than messages (the user's budgets live in UserRateLimiter). */
  others: SlidingWindowLimiter;
}
type ChatSocket = RealtimeSocket<ChatSocketState>;

/** CORS for the polling transport follows CORS_ORIGINS; set from the config when the gateway starts. */
let allowedOrigins: string[] = [];

/**
 * How an event is limited: `message` spends from the user's message bucket (shared with the REST
 * message routes, every socket and every API process); `event` (typing, read) from this socket's
 * allowance and the user's event bucket; `other` (watch, unwatch: they write nothing) from this
 * socket's allowance only.
 */
type EventKind = 'message' | 'event' | 'other';
const USER_BUCKET: Record<EventKind, RateBucket | null> = { message: 'messages', event: 'events', other: null };

/**
 * The chat over socket.io (namespace /chat). Thin: it measures, rate-limits and validates every
 * payload and calls the same ChatService methods as the REST controller. A handler never throws:
 * every outcome is an ack.
 *
 * The one gateway of the namespace (one connection per client, as the contract has it), so it owns the
 * transport options; the socket's life (handshake auth, channels, presence, session revocation) is the
 * realtime module's SocketLifecycle, which it hands init/connect/disconnect to. A socket lives no
 * longer than what signed it in: a revoked session's sockets are disconnected there, and an event
 * arriving after its access token expired is answered `unauthorized` here and the socket
 * disconnected, so the client reconnects with a fresh token.
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

  constructor(
    private readonly chat: ChatService,
    private readonly typing: TypingService,
    private readonly lifecycle: SocketLifecycle,
    private readonly config: AppConfig,
    private readonly limiter: UserRateLimiter,
  ) {}

  afterInit(ns: Namespace): void {
    allowedOrigins = this.config.corsOrigins;
    this.lifecycle.attach(ns);
  }

  handleConnection(socket: ChatSocket): Promise<void> {
    // Before any event of this socket can arrive (the handlers are bound right after this call).
    const limit = this.config.rateLimitSocketMessages;
    socket.data.others = new SlidingWindowLimiter(limit * SOCKET_EVENTS_FACTOR, SOCKET_WINDOW_MS);
    socket.onAny((event: string, ...args: unknown[]) => this.unknownEvent(socket, event, args));
    return this.lifecycle.connected(socket);
  }

  handleDisconnect(socket: ChatSocket): Promise<void> {
    return this.lifecycle.disconnected(socket);
  }

  onApplicationShutdown(): void {
    allowedOrigins = [];
    this.lifecycle.detach();
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
    return this.handle(socket, body, TypingEventDto, 'event', async (p) => {
      // Subscribed to the room's channel means being a member (kept current on join/leave).
      if (!socket.rooms.has(roomChannel(p.roomId))) return fail('not_found', 'Room not found');
      await this.typing.set(p.roomId, socket.data.summary, p.isTyping);
      return { ok: true };
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, body, ReadEventDto, 'event', async (p) => {
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

  /**
   * Every incoming event passes here first (socket.onAny runs before the event's own listeners); one
   * that no handler of this gateway listens to is answered `unknown_event` when it came with an
   * acknowledgement (without one there is nobody to answer). It counts against the socket's allowance
   * for events other than messages, so a flood of made-up events is refused like any other.
   */
  private unknownEvent(socket: ChatSocket, event: string, args: unknown[]): void {
    if ((socket as unknown as NodeJS.EventEmitter).listenerCount(event) > 0) return;
    const ack = args[args.length - 1];
    const waitMs = socket.data.others.attempt();
    if (typeof ack !== 'function') return;
    const name = String(event).slice(0, EVENT_NAME_SHOWN);
    (ack as (r: Ack) => void)(waitMs ? rateLimited(waitMs) : fail('unknown_event', `Unknown event "${name}"`));
  }

  /** Size, rate, shape, then the action; any failure becomes `{ ok: false, error }`. */
  private async handle<D extends object, A extends object>(
    socket: ChatSocket,
    body: unknown,
    dto: ClassConstructor<D>,
    kind: EventKind,
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
      if (kind !== 'message') {
        const waitMs = socket.data.others.attempt();
        if (waitMs) return rateLimited(waitMs);
      }
      const bucket = USER_BUCKET[kind];
      if (bucket) {
        const waitMs = await this.limiter.take(bucket, socket.data.user.id);
        if (waitMs) return rateLimited(waitMs);
      }
      const payload = await validatePayload(dto, body);
      if (typeof payload === 'string') return fail('validation', payload);
      return await action(payload);
    } catch (err) {
      return this.toError(err);
    }
  }

  private toError(err: unknown): { ok: false; error: SocketError } {
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

function fail(code: SocketErrorCode, message: string): { ok: false; error: SocketError } {
  return { ok: false, error: { code, message } };
}

/** The limiter's refusal, with when to try again (the REST twin is 429 + Retry-After). */
function rateLimited(retryAfterMs: number): { ok: false; error: SocketError } {
  return { ok: false, error: { code: 'rate_limited', message: rateLimitedMessage(retryAfterMs), retryAfterMs } };
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
  // The same text rules as HTTP input (NUL dropped, lone surrogates and deep nesting refused).
  try {
    sanitiseInput(body, 'payload');
  } catch (e) {
    if (e instanceof InputTextError) return e.message;
    throw e;
  }
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) return flatten(errors).join('; ');
  return instance;
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...flatten(e.children ?? [])]);
}
