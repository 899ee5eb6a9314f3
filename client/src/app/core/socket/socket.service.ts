import { DestroyRef, effect, inject, Injectable, untracked } from '@angular/core';
import {
  CHAT_NAMESPACE,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerEventPayload,
  type ServerToClientEvents,
} from '@world-it/contracts';
import {
  BehaviorSubject,
  distinctUntilChanged,
  filter,
  map,
  merge,
  Observable,
  share,
  Subscription,
  switchMap,
  take,
} from 'rxjs';
import type { Socket } from 'socket.io-client';

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
 *
 * socket.io-client (~15 KB compressed) is not part of the first bundle: it is imported when there
 * is first a token to connect with, so the first paint never waits for it and signed-out pages
 * never load it. Streams subscribed before it arrives attach to the socket once it exists; emits
 * wait for it (socket.io then buffers them until connected, as always).
 */
@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly auth = inject(AuthService);
  private readonly state = new BehaviorSubject<ConnectionState>('disconnected');
  private readonly streams = new Map<ServerEventName, Observable<unknown>>();
  /** The socket once socket.io-client has loaded (null before: nothing to connect yet). */
  private readonly socket$ = new BehaviorSubject<ChatSocket | null>(null);
  private loading: Promise<ChatSocket> | null = null;
  private destroyed = false;
  private token: string | null = null;
  /** The token a refresh was already attempted for, so an unauthorized loop cannot start. */
  private refreshedFor: string | null = null;
  private refreshSub: Subscription | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  readonly connectionState$: Observable<ConnectionState> = this.state.pipe(distinctUntilChanged());

  constructor() {
    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.follow(token));
    });

    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.reconnectTimer);
      this.refreshSub?.unsubscribe();
      this.socket?.disconnect();
      this.state.complete();
      this.socket$.complete();
    });
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** A shared stream of one server event; the socket listener lives while anyone subscribes. */
  on<E extends ServerEventName>(event: E): Observable<ServerEventPayload<E>> {
    let stream = this.streams.get(event);
    if (!stream) {
      stream = this.socket$.pipe(
        filter((socket): socket is ChatSocket => socket !== null),
        take(1),
        switchMap(
          (socket) =>
            new Observable<unknown>((subscriber) => {
              const loose = socket as unknown as LooseListener;
              const listener = (payload: unknown): void => subscriber.next(payload);
              loose.on(event, listener);
              return () => loose.off(event, listener);
            }),
        ),
        share(),
      );
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
    const send = (socket: ChatSocket): Promise<ClientEventAck<E>> =>
      new Promise((resolve, reject) => {
        const emitter = socket.timeout(timeoutMs) as unknown as LooseEmitter;
        emitter.emit(event, payload, (err: Error | null, ack: ClientEventAck<E>) => {
          if (err) {
            reject(new SocketAckTimeoutError(event));
            return;
          }
          if (isUnauthorizedAck(ack)) this.renew();
          resolve(ack);
        });
      });
    return this.socket ? send(this.socket) : this.load().then(send);
  }

  /** Fire-and-forget emit for events that need no answer, such as `typing`. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): void {
    const send = (socket: ChatSocket): unknown => (socket as unknown as LooseEmitter).emit(event, payload);
    if (this.socket) send(this.socket);
    else this.load().then(send, () => undefined);
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
        if (this.connected) void this.emitWithAck('room:unwatch', { roomId }).catch(() => undefined);
      };
    });
  }

  private get socket(): ChatSocket | null {
    return this.socket$.value;
  }

  /** socket.io-client, imported once (again after a failed import) and its one socket built. */
  private load(): Promise<ChatSocket> {
    this.loading ??= import('socket.io-client').then(
      ({ io }) => {
        const socket: ChatSocket = io(CHAT_NAMESPACE, {
          autoConnect: false,
          auth: { token: '' },
          transports: ['websocket', 'polling'],
        });
        this.listen(socket);
        this.socket$.next(socket);
        return socket;
      },
      (err: unknown) => {
        this.loading = null;
        throw err;
      },
    );
    return this.loading;
  }

  private listen(socket: ChatSocket): void {
    socket.on('connect', () => this.state.next('connected'));
    socket.on('disconnect', (reason) => {
      this.state.next(socket.active ? 'connecting' : 'disconnected');
      // socket.io does not reconnect by itself after the server closed the socket.
      if (reason === 'io server disconnect') this.renew();
    });
    socket.on('connect_error', (err) => this.onConnectError(err));
    socket.io.on('reconnect_attempt', () => this.state.next('connecting'));
  }

  private follow(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    clearTimeout(this.reconnectTimer);
    if (!token) {
      this.refreshSub?.unsubscribe();
      this.socket?.disconnect();
      this.state.next('disconnected');
      return;
    }
    this.state.next('connecting');
    const socket = this.socket;
    if (socket) {
      this.connectWith(socket, token);
      return;
    }
    this.load().then(
      // Only if this is still the token to connect with (a logout or refresh may have come meanwhile).
      (loaded) => this.token === token && !this.destroyed && this.connectWith(loaded, token),
      // The chunk did not load (offline, a new deploy): the next token change tries again.
      () => this.token === token && this.state.next('disconnected'),
    );
  }

  private connectWith(socket: ChatSocket, token: string): void {
    socket.auth = { token };
    if (socket.connected || socket.active) socket.disconnect();
    socket.connect();
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
    const socket = this.socket;
    if (!socket || socket.active) return;
    this.state.next('connecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.token === token && !socket.active) socket.connect();
    }, SERVER_DISCONNECT_RECONNECT_MS);
  }

  private onConnectError(err: Error): void {
    if (this.socket?.active) {
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
