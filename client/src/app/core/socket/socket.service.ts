import { DestroyRef, effect, inject, Injectable, untracked } from '@angular/core';
import {
  CHAT_NAMESPACE,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerEventPayload,
  type ServerToClientEvents,
} from '@world-it/contracts';
import { BehaviorSubject, distinctUntilChanged, filter, map, merge, Observable, share, Subscription } from 'rxjs';
import { io, type Socket } from 'socket.io-client';

import { AuthService } from '../auth/auth.service';

/** The client side of the chat namespace: the contract's event maps seen from the browser. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** The acknowledgement the server answers an emitted event with. */
export type ClientEventAck<E extends ClientEventName> = Parameters<
  NonNullable<Parameters<ClientToServerEvents[E]>[1]>
>[0];

/** Server events that concern one room, as delivered by `roomMessages$`. */
export type RoomEventName = 'message:new' | 'message:updated' | 'message:deleted' | 'typing' | 'read';
export type RoomEvent = {
  [E in RoomEventName]: { type: E; payload: ServerEventPayload<E> };
}[RoomEventName];
const ROOM_EVENT_NAMES: readonly RoomEventName[] = [
  'message:new',
  'message:updated',
  'message:deleted',
  'typing',
  'read',
];

export const ACK_TIMEOUT_MS = 10_000;
/** An access token this close to its expiry is refreshed rather than presented again (clock skew). */
const EXPIRY_MARGIN_MS = 5_000;
/**
 * How long to wait before reconnecting with the same token after the server closed the socket: a
 * logout in this or another tab clears the session meanwhile (its own request revoked the session),
 * and nothing is retried.
 */
export const SERVER_DISCONNECT_RECONNECT_MS = 1_000;

/** Whether a JWT's `exp` has passed (false when it cannot be read: the server then decides). */
function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 <= now + EXPIRY_MARGIN_MS;
  } catch {
    return false;
  }
}

function isUnauthorizedAck(ack: unknown): boolean {
  if (typeof ack !== 'object' || ack === null) return false;
  const { ok, error } = ack as { ok?: unknown; error?: { code?: unknown } };
  return ok === false && error?.code === 'unauthorized';
}

/** Thrown (rejected) by `emitWithAck` when the server did not acknowledge in time. */
export class SocketAckTimeoutError extends Error {
  constructor(readonly event: ClientEventName) {
    super(`No acknowledgement for "${event}"`);
    this.name = 'SocketAckTimeoutError';
  }
}

/** The minimum of the socket.io emitter we call with dynamic event names (its generics cannot follow them). */
interface LooseEmitter {
  emit(event: string, ...args: unknown[]): unknown;
}
interface LooseListener {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

/**
 * One shared socket.io connection to `/chat` for the whole app. It follows the session: connects
 * when signed in, reconnects with the new token after a refresh, disconnects on logout. The server
 * ends a socket whose access token expired or whose session was revoked (a server-side disconnect,
 * or an `unauthorized` ack first): then it refreshes the token if it has expired, or else reconnects
 * with it, and a handshake refused as unauthorized refreshes once more. Pages read it through RxJS
 * streams that add a socket listener on first subscribe and remove it on the last unsubscribe.
 */
@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly auth = inject(AuthService);
  private readonly state = new BehaviorSubject<ConnectionState>('disconnected');
  private readonly streams = new Map<ServerEventName, Observable<unknown>>();
  private readonly socket: ChatSocket = io(CHAT_NAMESPACE, {
    autoConnect: false,
    auth: { token: '' },
    transports: ['websocket', 'polling'],
  });
  private token: string | null = null;
  /** The token a refresh was already attempted for, so an unauthorized loop cannot start. */
  private refreshedFor: string | null = null;
  private refreshSub: Subscription | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  readonly connectionState$: Observable<ConnectionState> = this.state.pipe(distinctUntilChanged());

  constructor() {
    this.socket.on('connect', () => this.state.next('connected'));
    this.socket.on('disconnect', (reason) => {
      this.state.next(this.socket.active ? 'connecting' : 'disconnected');
      // socket.io does not reconnect by itself after the server closed the socket.
      if (reason === 'io server disconnect') this.renew();
    });
    this.socket.on('connect_error', (err) => this.onConnectError(err));
    this.socket.io.on('reconnect_attempt', () => this.state.next('connecting'));

    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.follow(token));
    });

    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.reconnectTimer);
      this.refreshSub?.unsubscribe();
      this.socket.disconnect();
      this.state.complete();
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** A shared stream of one server event; the socket listener lives while anyone subscribes. */
  on<E extends ServerEventName>(event: E): Observable<ServerEventPayload<E>> {
    let stream = this.streams.get(event);
    if (!stream) {
      const socket = this.socket as unknown as LooseListener;
      stream = new Observable<unknown>((subscriber) => {
        const listener = (payload: unknown): void => subscriber.next(payload);
        socket.on(event, listener);
        return () => socket.off(event, listener);
      }).pipe(share());
      this.streams.set(event, stream);
    }
    return stream as Observable<ServerEventPayload<E>>;
  }

  /** Everything that happens in one room: new, edited and deleted messages, typing and read receipts. */
  roomMessages$(roomId: string): Observable<RoomEvent> {
    const tagged = ROOM_EVENT_NAMES.map((type) =>
      this.on(type).pipe(map((payload) => ({ type, payload }) as RoomEvent)),
    );
    return merge(...tagged).pipe(filter((event) => event.payload.roomId === roomId));
  }

  /**
   * Emits an event and resolves with the server's acknowledgement (`{ ok: true, ... }` or
   * `{ ok: false, error }`). Rejects with SocketAckTimeoutError when no answer comes in time; while
   * disconnected, socket.io buffers the emit and sends it on reconnect.
   */
  emitWithAck<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<ClientEventAck<E>> {
    return new Promise((resolve, reject) => {
      const emitter = this.socket.timeout(timeoutMs) as unknown as LooseEmitter;
      emitter.emit(event, payload, (err: Error | null, ack: ClientEventAck<E>) => {
        if (err) {
          reject(new SocketAckTimeoutError(event));
          return;
        }
        if (isUnauthorizedAck(ack)) this.renew();
        resolve(ack);
      });
    });
  }

  /** Fire-and-forget emit for events that need no answer, such as `typing`. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): void {
    (this.socket as unknown as LooseEmitter).emit(event, payload);
  }

  /**
   * Receives a public room's live messages without joining it while subscribed (`room:watch`),
   * re-watching after every reconnect and sending `room:unwatch` on unsubscribe.
   */
  watchRoom(roomId: string): Observable<RoomEvent> {
    return new Observable<RoomEvent>((subscriber) => {
      const watch = (): void => void this.emitWithAck('room:watch', { roomId }).catch(() => undefined);
      const stateSub = this.connectionState$.pipe(filter((s) => s === 'connected')).subscribe(watch);
      const eventsSub = this.roomMessages$(roomId).subscribe(subscriber);
      return () => {
        stateSub.unsubscribe();
        eventsSub.unsubscribe();
        if (this.socket.connected) void this.emitWithAck('room:unwatch', { roomId }).catch(() => undefined);
      };
    });
  }

  private follow(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    clearTimeout(this.reconnectTimer);
    if (!token) {
      this.refreshSub?.unsubscribe();
      this.socket.disconnect();
      this.state.next('disconnected');
      return;
    }
    this.socket.auth = { token };
    if (this.socket.connected || this.socket.active) this.socket.disconnect();
    this.state.next('connecting');
    this.socket.connect();
  }

  /**
   * The server ended (or is ending) this connection. An expired access token is refreshed once (the
   * new token reconnects through `follow`); otherwise the socket reconnects with the token it has,
   * shortly, and if the session is gone the handshake says so (`onConnectError`).
   */
  private renew(): void {
    const token = this.token;
    if (!token) return;
    if (tokenExpired(token) && this.auth.refreshToken) {
      if (this.refreshedFor === token) return;
      this.refreshedFor = token;
      this.state.next('connecting');
      this.refreshSub = this.auth.refresh().subscribe({ error: () => this.auth.expireSession() });
      return;
    }
    if (this.socket.active) return;
    this.state.next('connecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.token === token && !this.socket.active) this.socket.connect();
    }, SERVER_DISCONNECT_RECONNECT_MS);
  }

  private onConnectError(err: Error): void {
    if (this.socket.active) {
      // A transport failure: socket.io keeps retrying by itself.
      this.state.next('connecting');
      return;
    }
    this.state.next('disconnected');
    // The server refused the handshake. If it said our token is bad, refresh once per token; the
    // new token comes back through the effect above and reconnects.
    const token = this.token;
    if (err.message !== 'unauthorized' || !token || this.refreshedFor === token || !this.auth.refreshToken) return;
    this.refreshedFor = token;
    this.refreshSub = this.auth.refresh().subscribe({ error: () => this.auth.expireSession() });
  }
}
