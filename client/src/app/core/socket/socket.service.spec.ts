import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { Message, Me } from '@world-it/contracts';
import { of, throwError } from 'rxjs';
import { io } from 'socket.io-client';

import { AuthService, SESSION_STORAGE_KEY } from '../auth/auth.service';
import {
  type ConnectionState,
  type RoomEvent,
  SERVER_DISCONNECT_RECONNECT_MS,
  SocketAckTimeoutError,
  SocketService,
} from './socket.service';

type Listener = (...args: unknown[]) => void;

/** A stand-in for socket.io-client's Socket that records listeners and emits. */
class FakeSocket {
  auth: Record<string, unknown> = {};
  connected = false;
  active = false;
  readonly listeners = new Map<string, Set<Listener>>();
  readonly managerListeners = new Map<string, Listener>();
  readonly emitted: { event: string; args: unknown[]; timeout?: number }[] = [];
  readonly connect = jest.fn(() => {
    this.active = true;
    return this;
  });
  readonly disconnect = jest.fn(() => {
    this.active = false;
    this.connected = false;
    return this;
  });
  readonly io = { on: (event: string, l: Listener) => this.managerListeners.set(event, l) };

  on(event: string, listener: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  count(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
  /** Simulates the server sending an event. */
  serverEmit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }
  timeout(ms: number) {
    return { emit: (event: string, ...args: unknown[]) => this.emitted.push({ event, args, timeout: ms }) };
  }
  emit(event: string, ...args: unknown[]): this {
    this.emitted.push({ event, args });
    return this;
  }
}

let fake: FakeSocket;
jest.mock('socket.io-client', () => ({ io: jest.fn(() => fake) }));

const me = { id: 'u1', displayName: 'Ada' } as Me;
/** An unsigned JWT-shaped token expiring at `exp` (seconds); the client only reads the claim. */
const jwt = (exp: number) =>
  `h.${btoa(JSON.stringify({ sub: 'u1', exp }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}.s`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const message = (roomId: string, id = 'm1'): Message =>
  ({ id, roomId, clientId: null, content: 'hi', image: null, createdAt: '', editedAt: null }) as unknown as Message;

/**
 * socket.io-client is imported lazily: lets the import and the connect that follows it settle
 * (promise callbacks only, so fake timers do not stop it).
 */
async function settle(until: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !until(); i++) await Promise.resolve();
}

describe('SocketService', () => {
  async function setup(signedIn = true, accessToken = 't1'): Promise<{ socket: SocketService; auth: AuthService }> {
    fake = new FakeSocket();
    localStorage.clear();
    if (signedIn) {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken, refreshToken: 'r1', user: me }));
    }
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const socket = TestBed.inject(SocketService);
    TestBed.tick();
    if (signedIn) await settle(() => fake.connect.mock.calls.length > 0);
    return { socket, auth: TestBed.inject(AuthService) };
  }

  beforeEach(() => jest.mocked(io).mockClear());

  it('connects to /chat with the access token when signed in', async () => {
    await setup();
    expect(io).toHaveBeenCalledTimes(1);
    expect(io).toHaveBeenCalledWith('/chat', expect.objectContaining({ autoConnect: false }));
    expect(fake.auth).toEqual({ token: 't1' });
    expect(fake.connect).toHaveBeenCalledTimes(1);
  });

  it('does not load socket.io-client while signed out; signing in loads it and connects', async () => {
    const { socket } = await setup(false);
    const states: ConnectionState[] = [];
    socket.connectionState$.subscribe((s) => states.push(s));
    // A stream subscribed before the socket exists attaches to it once it does.
    const presence: unknown[] = [];
    socket.on('presence').subscribe((p) => presence.push(p));
    await settle(() => false);
    expect(io).not.toHaveBeenCalled();
    expect(socket.connected).toBe(false);

    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 't9', refreshToken: 'r9', user: me }));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    TestBed.tick();
    await settle(() => fake.connect.mock.calls.length > 0);
    expect(io).toHaveBeenCalledTimes(1);
    expect(fake.auth).toEqual({ token: 't9' });
    expect(states).toEqual(['disconnected', 'connecting']);
    fake.serverEmit('presence', { userId: 'u2', online: true, lastSeenAt: null });
    expect(presence).toHaveLength(1);
  });

  it('a logout before socket.io-client arrives leaves it unconnected', async () => {
    const { auth } = await setup(false);
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 't9', refreshToken: 'r9', user: me }));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    TestBed.tick();
    auth.clearSession();
    TestBed.tick();
    await settle(() => jest.mocked(io).mock.calls.length > 0);
    await settle(() => false);
    expect(fake.connect).not.toHaveBeenCalled();
  });

  it('reports the connection state', async () => {
    const { socket } = await setup();
    const states: ConnectionState[] = [];
    socket.connectionState$.subscribe((s) => states.push(s));
    fake.connected = true;
    fake.serverEmit('connect');
    fake.active = true;
    fake.serverEmit('disconnect', 'transport close');
    fake.active = false;
    fake.serverEmit('disconnect', 'io client disconnect');
    expect(states).toEqual(['connecting', 'connected', 'connecting', 'disconnected']);
  });

  it('reconnects with the fresh token after a refresh and disconnects on logout', async () => {
    const { auth } = await setup();
    auth.refresh().subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/refresh')
      .flush({ accessToken: 't2', refreshToken: 'r2' });
    TestBed.tick();
    expect(fake.disconnect).toHaveBeenCalledTimes(1);
    expect(fake.auth).toEqual({ token: 't2' });
    expect(fake.connect).toHaveBeenCalledTimes(2);

    auth.clearSession();
    TestBed.tick();
    expect(fake.disconnect).toHaveBeenCalledTimes(2);
  });

  it('shares one socket listener per event and removes it after the last unsubscribe', async () => {
    const { socket } = await setup();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const subA = socket.on('presence').subscribe((p) => a.push(p));
    const subB = socket.on('presence').subscribe((p) => b.push(p));
    expect(fake.count('presence')).toBe(1);

    fake.serverEmit('presence', { userId: 'u2', online: true, lastSeenAt: null });
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);

    subA.unsubscribe();
    expect(fake.count('presence')).toBe(1);
    subB.unsubscribe();
    expect(fake.count('presence')).toBe(0);
  });

  it('roomMessages$ delivers only that room’s events, tagged by type', async () => {
    const { socket } = await setup();
    const events: RoomEvent[] = [];
    const sub = socket.roomMessages$('room-a').subscribe((e) => events.push(e));

    fake.serverEmit('message:new', message('room-a', 'm1'));
    fake.serverEmit('message:new', message('room-b', 'm2'));
    fake.serverEmit('message:deleted', { roomId: 'room-a', messageId: 'm1' });
    fake.serverEmit('typing', { roomId: 'room-b', user: me, isTyping: true });
    fake.serverEmit('read', { roomId: 'room-a', userId: 'u2', messageId: 'm1' });

    expect(events.map((e) => e.type)).toEqual(['message:new', 'message:deleted', 'read']);
    expect(events[0].type === 'message:new' && events[0].payload.id).toBe('m1');

    sub.unsubscribe();
    for (const name of ['message:new', 'message:updated', 'message:deleted', 'typing', 'read']) {
      expect(fake.count(name)).toBe(0);
    }
  });

  it('emitWithAck resolves with the server acknowledgement', async () => {
    const { socket } = await setup();
    const pending = socket.emitWithAck('message:send', { roomId: 'r', content: 'hi', clientId: 'c1' }, 5000);
    const sent = fake.emitted.at(-1)!;
    expect(sent.event).toBe('message:send');
    expect(sent.timeout).toBe(5000);
    expect(sent.args[0]).toEqual({ roomId: 'r', content: 'hi', clientId: 'c1' });
    (sent.args[1] as Listener)(null, { ok: true, message: message('r') });
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  it('emitWithAck rejects with SocketAckTimeoutError when no answer comes', async () => {
    const { socket } = await setup();
    const pending = socket.emitWithAck('read', { roomId: 'r', messageId: 'm' });
    (fake.emitted.at(-1)!.args[1] as Listener)(new Error('operation has timed out'));
    await expect(pending).rejects.toBeInstanceOf(SocketAckTimeoutError);
  });

  it('an unauthorized handshake refreshes the token once', async () => {
    const { auth } = await setup();
    const refresh = jest.spyOn(auth, 'refresh').mockReturnValue(of('t2'));
    fake.active = false;
    fake.serverEmit('connect_error', new Error('unauthorized'));
    fake.serverEmit('connect_error', new Error('unauthorized'));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('ends the session when the handshake refresh fails', async () => {
    const { auth } = await setup();
    jest.spyOn(auth, 'refresh').mockReturnValue(throwError(() => new Error('revoked')));
    const expire = jest.spyOn(auth, 'expireSession').mockImplementation(() => undefined);
    fake.active = false;
    fake.serverEmit('connect_error', new Error('unauthorized'));
    expect(expire).toHaveBeenCalled();
  });

  describe('when the server ends the socket', () => {
    afterEach(() => jest.useRealTimers());

    /** The server closed the socket ("io server disconnect"): socket.io leaves it closed. */
    const serverDisconnect = () => {
      fake.connected = false;
      fake.active = false;
      fake.serverEmit('disconnect', 'io server disconnect');
    };

    it('refreshes an expired access token once; the new token reconnects', async () => {
      const { auth } = await setup(true, jwt(nowSeconds() - 1));
      const refresh = jest.spyOn(auth, 'refresh').mockReturnValue(of('t2'));
      serverDisconnect();
      serverDisconnect();
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it('reconnects with a still-valid token shortly after (a revoked session is then refused at the handshake)', async () => {
      jest.useFakeTimers();
      const { auth } = await setup(true, jwt(nowSeconds() + 600));
      const refresh = jest.spyOn(auth, 'refresh');
      expect(fake.connect).toHaveBeenCalledTimes(1);
      serverDisconnect();
      expect(fake.connect).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(SERVER_DISCONNECT_RECONNECT_MS);
      expect(fake.connect).toHaveBeenCalledTimes(2);
      expect(refresh).not.toHaveBeenCalled();
    });

    it('does not come back after a logout that ended the session meanwhile', async () => {
      jest.useFakeTimers();
      const { auth } = await setup(true, jwt(nowSeconds() + 600));
      serverDisconnect();
      auth.clearSession();
      TestBed.tick();
      jest.advanceTimersByTime(SERVER_DISCONNECT_RECONNECT_MS);
      expect(fake.connect).toHaveBeenCalledTimes(1);
    });

    it('a disconnect the client asked for is left alone', async () => {
      jest.useFakeTimers();
      await setup(true, jwt(nowSeconds() + 600));
      fake.active = false;
      fake.serverEmit('disconnect', 'io client disconnect');
      jest.advanceTimersByTime(SERVER_DISCONNECT_RECONNECT_MS);
      expect(fake.connect).toHaveBeenCalledTimes(1);
    });

    it('an unauthorized ack refreshes an expired token and still resolves with the ack', async () => {
      const { socket, auth } = await setup(true, jwt(nowSeconds() - 1));
      const refresh = jest.spyOn(auth, 'refresh').mockReturnValue(of('t2'));
      fake.connected = true;
      const pending = socket.emitWithAck('read', { roomId: 'r', messageId: 'm' });
      const unauthorized = { ok: false, error: { code: 'unauthorized', message: 'expired' } };
      (fake.emitted.at(-1)!.args[1] as Listener)(null, unauthorized);
      await expect(pending).resolves.toEqual(unauthorized);
      expect(refresh).toHaveBeenCalledTimes(1);
    });
  });
});
