import { io, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, type ServerEventName, type ServerEventPayload } from '@world-it/contracts';

/** A real socket.io client of the /chat namespace, with helpers to await acks and events in tests. */
export class ChatClient {
  private readonly seen = new Map<string, unknown[]>();
  private readonly waiters: Array<{ event: string; match: (p: unknown) => boolean; resolve: (p: unknown) => void }> =
    [];

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      const list = this.seen.get(event) ?? [];
      list.push(payload);
      this.seen.set(event, list);
      for (const w of [...this.waiters]) {
        if (w.event === event && w.match(payload)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(payload);
        }
      }
    });
  }

  /** Emits and resolves with the acknowledgement. */
  request<T = any>(event: string, payload?: unknown, timeoutMs = 5000): Promise<T> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
  }

  /** The next `event` (already received ones that match count too, oldest first, each once). */
  next<E extends ServerEventName>(
    event: E,
    match: (p: ServerEventPayload<E>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ServerEventPayload<E>> {
    const list = this.seen.get(event) ?? [];
    const idx = list.findIndex((p) => match(p as ServerEventPayload<E>));
    if (idx >= 0) return Promise.resolve(list.splice(idx, 1)[0] as ServerEventPayload<E>);
    return new Promise((resolve, reject) => {
      const waiter = {
        event,
        match: (p: unknown) => match(p as ServerEventPayload<E>),
        resolve: (p: unknown) => {
          clearTimeout(timer);
          const l = this.seen.get(event) ?? [];
          const i = l.indexOf(p);
          if (i >= 0) l.splice(i, 1);
          resolve(p as ServerEventPayload<E>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`No "${event}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Every `event` received so far (not consumed by next()). */
  received<E extends ServerEventName>(event: E): Array<ServerEventPayload<E>> {
    return [...((this.seen.get(event) ?? []) as Array<ServerEventPayload<E>>)];
  }

  clear(): void {
    this.seen.clear();
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects with a token and resolves once connected (rejects with the connect_error). */
export function connectChat(baseUrl: string, token: string | undefined): Promise<ChatClient> {
  const socket = io(baseUrl + CHAT_NAMESPACE, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 5000,
  });
  const client = new ChatClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err: Error) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** Resolves with the disconnect reason the client saw (rejects if the socket stays connected that long). */
export function disconnected(c: ChatClient, timeoutMs = 5000): Promise<string> {
  if (!c.socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    c.socket.once('disconnect', (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Lets in-flight deliveries land before asserting that something did NOT arrive. */
export function settle(ms = 300): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Sockets a describe block opens, each closed after its test: call it in the block (it registers the
 * afterEach), then `connect(url, token)` as with connectChat.
 */
export function chatSockets(): { connect(baseUrl: string, token: string): Promise<ChatClient> } {
  const open: ChatClient[] = [];
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  return {
    async connect(baseUrl, token) {
      const c = await connectChat(baseUrl, token);
      open.push(c);
      return c;
    },
  };
}
