import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  type Me,
  type Message,
  PAGE_LIMIT_MAX,
  type RoomReadPosition,
  type SendMessagePayload,
} from '@world-it/contracts';

import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { SocketAckTimeoutError, SocketService } from '../../../core/socket/socket.service';
import { ada, anna, FakeSocketService, makeMessage, makeRoom } from '../testing/fake-socket.service';
import { ChatsStore } from './chats.store';
import { RoomStore } from './room.store';

/** Lets pending promise callbacks (acks) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('RoomStore', () => {
  let socket: FakeSocketService;
  let http: HttpTestingController;
  let store: RoomStore;
  let uuid = 0;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', refreshToken: 'r', user: { ...ada } as Me }),
    );
    uuid = 0;
    if (!globalThis.crypto.randomUUID)
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: () => '', configurable: true });
    jest
      .spyOn(globalThis.crypto, 'randomUUID')
      .mockImplementation(
        () => `00000000-0000-4000-8000-00000000000${++uuid}` as `${string}-${string}-${string}-${string}-${string}`,
      );
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
        ChatsStore,
        RoomStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(RoomStore);
  });

  afterEach(() => {
    // UnreadStore (behind ChatsStore) reads the whole room list on every connect: not this spec's concern.
    for (const req of http.match((r) => r.url === '/api/chats' && r.params.get('limit') === String(PAGE_LIMIT_MAX)))
      if (!req.cancelled) req.flush({ items: [], nextCursor: null });
    http.verify();
    jest.restoreAllMocks();
  });

  function open(history: Message[] = [], members = [ada, anna], readBy: RoomReadPosition[] = []): void {
    store.open('r1');
    http.expectOne('/api/chats/r1').flush(makeRoom({ id: 'r1', kind: 'direct', members, readBy }));
    // newest first, as the server pages
    http
      .expectOne((r) => r.url === '/api/chats/r1/messages')
      .flush({ items: [...history].reverse(), nextCursor: null });
  }

  const view = () => store.messages().map((m) => ({ id: m.id, state: m.state, content: m.content }));
  /** What the server would store for a send payload. */
  const stored = (p: SendMessagePayload, id = 'srv-1'): Message =>
    makeMessage({ id, roomId: p.roomId, clientId: p.clientId, author: ada, content: p.content ?? '' });

  it('renders history oldest first', () => {
    const a = makeMessage({ roomId: 'r1', content: 'first' });
    const b = makeMessage({ roomId: 'r1', content: 'second' });
    open([a, b]);
    expect(view().map((m) => m.content)).toEqual(['first', 'second']);
    expect(store.member()).toBe(true);
  });

  it('shows a sent message as pending until the ack, then as the stored message', async () => {
    let ack!: (value: unknown) => void;
    socket.ackFor = () => new Promise((resolve) => (ack = resolve));
    open();

    store.send('  hello  ');
    const [payload] = socket.sent('message:send') as SendMessagePayload[];
    expect(payload).toEqual({ roomId: 'r1', clientId: '00000000-0000-4000-8000-000000000001', content: 'hello' });
    expect(view()).toEqual([{ id: `local:${payload.clientId}`, state: 'pending', content: 'hello' }]);

    ack({ ok: true, message: stored(payload) });
    await settle();
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'hello' }]);
  });

  it('dedupes by clientId when message:new arrives before the ack, and by id after it', async () => {
    let ack!: (value: unknown) => void;
    socket.ackFor = () => new Promise((resolve) => (ack = resolve));
    open();
    store.send('hi');
    const [payload] = socket.sent('message:send') as SendMessagePayload[];

    socket.server('message:new', stored(payload));
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'hi' }]);

    ack({ ok: true, message: stored(payload) });
    await settle();
    socket.server('message:new', stored(payload));
    expect(view()).toHaveLength(1);
  });

  it('every send uses a fresh clientId', () => {
    open();
    store.send('one');
    store.send('two');
    const ids = (socket.sent('message:send') as SendMessagePayload[]).map((p) => p.clientId);
    expect(new Set(ids).size).toBe(2);
  });

  it('marks a message failed on a negative ack and retries it with the same clientId', async () => {
    socket.ackFor = () => Promise.resolve({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    open();
    store.send('too fast');
    await settle();
    const [first] = socket.sent('message:send') as SendMessagePayload[];
    expect(store.messages()[0]).toMatchObject({ state: 'failed', errorCode: 'rate_limited' });

    socket.ackFor = (_e, p) => Promise.resolve({ ok: true, message: stored(p as SendMessagePayload) });
    store.retry(first.clientId);
    expect(store.messages()[0].state).toBe('pending');
    await settle();
    const sends = socket.sent('message:send') as SendMessagePayload[];
    expect(sends).toHaveLength(2);
    expect(sends[1].clientId).toBe(first.clientId);
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'too fast' }]);
  });

  it('says the room is blocked when the server refuses a message with code blocked, and only then', async () => {
    socket.ackFor = () => Promise.resolve({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    open();
    store.send('first');
    await settle();
    expect(store.blocked()).toBe(false);

    socket.ackFor = () =>
      Promise.resolve({ ok: false, error: { code: 'blocked', message: 'You cannot message this user' } });
    store.send('hello?');
    await settle();
    expect(store.blocked()).toBe(true);
    expect(store.messages()[1]).toMatchObject({ state: 'failed', errorCode: 'blocked' });
  });

  it('keeps a message sent while offline pending and sends it with the same clientId after reconnect', async () => {
    socket.ackFor = (_e, p) => Promise.resolve({ ok: true, message: stored(p as SendMessagePayload) });
    open();
    socket.state.next('disconnected');
    store.send('offline hello');
    expect(socket.sent('message:send')).toHaveLength(0);
    expect(store.messages()[0].state).toBe('pending');
    const clientId = store.messages()[0].clientId;

    socket.state.next('connecting');
    socket.state.next('connected');
    // the reconnect also catches up on history
    http.expectOne((r) => r.url === '/api/chats/r1/messages').flush({ items: [], nextCursor: null });
    await settle();
    const sends = socket.sent('message:send') as SendMessagePayload[];
    expect(sends).toHaveLength(1);
    expect(sends[0].clientId).toBe(clientId);
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'offline hello' }]);
  });

  it('retries after a reconnect when the ack was lost with the connection (same clientId, stored once)', async () => {
    socket.ackFor = () => {
      socket.state.next('disconnected');
      return Promise.reject(new SocketAckTimeoutError('message:send'));
    };
    open();
    store.send('lost ack');
    await settle();
    expect(store.messages()[0].state).toBe('pending');

    socket.ackFor = (_e, p) => Promise.resolve({ ok: true, message: stored(p as SendMessagePayload) });
    socket.state.next('connected');
    http.expectOne((r) => r.url === '/api/chats/r1/messages').flush({ items: [], nextCursor: null });
    await settle();
    const sends = socket.sent('message:send') as SendMessagePayload[];
    expect(sends.map((p) => p.clientId)).toEqual([sends[0].clientId, sends[0].clientId]);
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'lost ack' }]);
  });

  it('applies edits and deletions from the room stream', () => {
    const m = makeMessage({ roomId: 'r1', content: 'typo' });
    open([m]);
    socket.server('message:updated', { ...m, content: 'fixed', editedAt: '2026-01-01T13:00:00.000Z' });
    expect(store.messages()[0]).toMatchObject({ content: 'fixed', editedAt: '2026-01-01T13:00:00.000Z' });
    socket.server('message:deleted', { roomId: 'r1', messageId: m.id });
    expect(store.messages()).toHaveLength(0);
  });

  it('ignores events of other rooms', () => {
    open();
    socket.server('message:new', makeMessage({ roomId: 'other' }));
    expect(store.messages()).toHaveLength(0);
  });

  it('reports "seen" for my message once the other member read it', async () => {
    socket.ackFor = (_e, p) => Promise.resolve({ ok: true, message: stored(p as SendMessagePayload) });
    open();
    store.send('did you read this?');
    await settle();
    expect(seen()).toEqual([]);
    socket.server('read', { roomId: 'r1', userId: 'u2', messageId: 'srv-1' });
    expect(seen()).toEqual(['srv-1']);
  });

  const seen = (): string[] => [...store.seenIds()];

  describe('"seen" from the room’s readBy (after a reload)', () => {
    const mine = (content: string) => makeMessage({ roomId: 'r1', author: ada, content });
    const position = (m: Message, userId = 'u2'): RoomReadPosition => ({
      userId,
      messageId: m.id,
      messageCreatedAt: m.createdAt,
    });

    it('shows every message of mine up to the peer’s stored position seen, the earlier ones too', () => {
      const [a, b, c] = [mine('one'), mine('two'), mine('three')];
      open([a, b, c], [ada, anna], [position(b)]);
      expect(seen()).toEqual([a.id, b.id]);
    });

    it('counts only my messages, also when the position is at one of the peer’s', () => {
      const [a, reply, b] = [mine('one'), makeMessage({ roomId: 'r1', author: anna }), mine('two')];
      open([a, reply, b], [ada, anna], [position(reply)]);
      expect(seen()).toEqual([a.id]);
    });

    it('compares by time when the read message is not loaded (deleted, or outside the loaded window)', () => {
      const [a, gone] = [mine('one'), makeMessage({ roomId: 'r1' })];
      const b = mine('two');
      open([a, b], [ada, anna], [position(gone)]);
      expect(seen()).toEqual([a.id]);
    });

    it('ignores my own position and other users’', () => {
      const a = mine('one');
      open(
        [a],
        [ada, anna],
        [
          { ...position(a), userId: 'u1' },
          { ...position(a), userId: 'u9' },
        ],
      );
      expect(seen()).toEqual([]);
    });

    it('picks up a newer readBy from room:updated, and a live read still counts after it', () => {
      const [a, b] = [mine('one'), mine('two')];
      open([a, b]);
      expect(seen()).toEqual([]);
      socket.server('room:updated', makeRoom({ id: 'r1', kind: 'direct', readBy: [position(b)] }));
      expect(seen()).toEqual([a.id, b.id]);
      const c = mine('three');
      socket.server('message:new', c);
      expect(seen()).toEqual([a.id, b.id]);
      socket.server('read', { roomId: 'r1', userId: 'u2', messageId: c.id });
      expect(seen()).toEqual([a.id, b.id, c.id]);
    });

    it('a reply from the peer means they read up to it (the server sends no read for it)', () => {
      const [a, b] = [mine('question'), mine('and another')];
      open([a, b]);
      socket.server('message:new', makeMessage({ roomId: 'r1', author: anna, content: 'answer' }));
      expect(seen()).toEqual([a.id, b.id]);
    });

    it('in a group: seen once any other member read it, by the furthest position', () => {
      const bob = { id: 'u3', displayName: 'Bob', avatarUrl: null, online: false };
      const [a, b, c] = [mine('one'), mine('two'), mine('three')];
      store.open('r1');
      http
        .expectOne('/api/chats/r1')
        .flush(makeRoom({ id: 'r1', kind: 'group', members: [ada, anna, bob], readBy: [position(a, 'u3')] }));
      http.expectOne((r) => r.url === '/api/chats/r1/messages').flush({ items: [c, b, a], nextCursor: null });
      expect(seen()).toEqual([a.id]);
      socket.server('read', { roomId: 'r1', userId: 'u2', messageId: b.id });
      expect(seen()).toEqual([a.id, b.id]);
      socket.server('read', { roomId: 'r1', userId: 'u1', messageId: c.id });
      expect(seen()).toEqual([a.id, b.id]);
    });
  });

  it('keeps a message pending on an unauthorized ack and resends it once the socket is back', async () => {
    socket.ackFor = () => Promise.resolve({ ok: false, error: { code: 'unauthorized', message: 'expired' } });
    open();
    store.send('after expiry');
    await settle();
    expect(store.messages()[0]).toMatchObject({ state: 'pending' });

    socket.ackFor = (_e, p) => Promise.resolve({ ok: true, message: stored(p as SendMessagePayload) });
    socket.state.next('connecting');
    socket.state.next('connected');
    http.expectOne((r) => r.url === '/api/chats/r1/messages').flush({ items: [], nextCursor: null });
    await settle();
    const sends = socket.sent('message:send') as SendMessagePayload[];
    expect(sends).toHaveLength(2);
    expect(sends[1].clientId).toBe(sends[0].clientId);
    expect(view()).toEqual([{ id: 'srv-1', state: 'sent', content: 'after expiry' }]);
  });

  it('marks the newest stored message read once', () => {
    const m = makeMessage({ roomId: 'r1' });
    open([m]);
    store.markRead();
    store.markRead();
    expect(socket.sent('read')).toEqual([{ roomId: 'r1', messageId: m.id }]);
  });

  it('throttles typing and stops it on send', () => {
    open();
    store.setTyping(true);
    store.setTyping(true);
    expect(socket.sent('typing')).toEqual([{ roomId: 'r1', isTyping: true }]);
    store.send('done');
    expect(socket.sent('typing')).toEqual([
      { roomId: 'r1', isTyping: true },
      { roomId: 'r1', isTyping: false },
    ]);
  });

  it('reads a public room without membership through watchRoom, and switches after Join', () => {
    store.open('pub');
    http.expectOne('/api/chats/pub').flush(makeRoom({ id: 'pub', visibility: 'public', members: [anna] }));
    http.expectOne((r) => r.url === '/api/chats/pub/messages').flush({ items: [], nextCursor: null });
    expect(store.member()).toBe(false);
    expect(socket.watched).toEqual(['pub']);

    void store.join();
    http.expectOne('/api/chats/pub/join').flush(makeRoom({ id: 'pub', visibility: 'public', members: [anna, ada] }));
    expect(store.member()).toBe(true);
    expect(TestBed.inject(ChatsStore).has('pub')).toBe(true);
  });
});
