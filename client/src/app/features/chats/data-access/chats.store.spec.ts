import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type Me, type Page, PAGE_LIMIT_MAX, type Room } from '@world-it/contracts';

import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { SocketService } from '../../../core/socket/socket.service';
import { ada, anna, FakeSocketService, makeMessage, makeRoom } from '../testing/fake-socket.service';
import { ChatsStore } from './chats.store';

describe('ChatsStore', () => {
  let socket: FakeSocketService;
  let http: HttpTestingController;
  let store: ChatsStore;

  function setup(): void {
    localStorage.clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', refreshToken: 'r', user: { ...ada } as Me }),
    );
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
        ChatsStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ChatsStore);
  }

  function flushPage(items: Room[], nextCursor: string | null = null): void {
    const page: Page<Room> = { items, nextCursor };
    http.expectOne((r) => r.url === '/api/chats' && !r.params.has('cursor') && !isUnreadLoad(r)).flush(page);
    flushUnread(items);
  }

  const isUnreadLoad = (r: HttpRequest<unknown>): boolean => r.params.get('limit') === String(PAGE_LIMIT_MAX);

  /** UnreadStore (which keeps the counts) reads the whole list on every connect: the same rooms here. */
  function flushUnread(items: Room[]): void {
    for (const req of http.match((r) => r.url === '/api/chats' && isUnreadLoad(r)))
      if (!req.cancelled) req.flush({ items, nextCursor: null });
  }

  const ids = (): string[] => store.rooms().map((r) => r.id);

  beforeEach(setup);
  afterEach(() => http.verify());

  it('loads the first page in server order and the next page on demand', () => {
    store.load();
    expect(store.loading()).toBe(true);
    flushPage([makeRoom({ id: 'a' }), makeRoom({ id: 'b' })], 'c1');
    expect(ids()).toEqual(['a', 'b']);
    expect(store.hasMore()).toBe(true);

    store.loadMore();
    const more = http.expectOne((r) => r.url === '/api/chats' && r.params.get('cursor') === 'c1');
    more.flush({ items: [makeRoom({ id: 'b' }), makeRoom({ id: 'c' })], nextCursor: null });
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(store.hasMore()).toBe(false);
  });

  it('message:new moves the room to the top, updates the preview and counts unread', () => {
    store.load();
    flushPage([makeRoom({ id: 'a' }), makeRoom({ id: 'b' }), makeRoom({ id: 'c' })]);

    const m = makeMessage({ roomId: 'c', author: anna, content: 'hello' });
    socket.server('message:new', m);
    expect(ids()).toEqual(['c', 'a', 'b']);
    expect(store.room('c')?.lastMessage?.content).toBe('hello');
    expect(store.room('c')?.unreadCount).toBe(1);

    socket.server('message:new', makeMessage({ roomId: 'c', author: anna }));
    expect(store.room('c')?.unreadCount).toBe(2);
  });

  it('does not count my own messages or messages in the open room as unread', () => {
    store.load();
    flushPage([makeRoom({ id: 'a' }), makeRoom({ id: 'b' })]);
    socket.server('message:new', makeMessage({ roomId: 'b', author: ada }));
    expect(store.room('b')?.unreadCount).toBe(0);
    expect(ids()).toEqual(['b', 'a']);

    store.activeRoomId.set('a');
    socket.server('message:new', makeMessage({ roomId: 'a', author: anna }));
    expect(store.room('a')?.unreadCount).toBe(0);
    expect(ids()).toEqual(['a', 'b']);
  });

  it('my read event (from any tab) clears the unread count; another member’s does not', () => {
    store.load();
    flushPage([makeRoom({ id: 'a', unreadCount: 4 })]);
    socket.server('read', { roomId: 'a', userId: 'u2', messageId: 'm' });
    expect(store.room('a')?.unreadCount).toBe(4);
    socket.server('read', { roomId: 'a', userId: 'u1', messageId: 'm' });
    expect(store.room('a')?.unreadCount).toBe(0);
  });

  it('room:added puts a room on top, room:updated replaces it in place, room:removed drops it', () => {
    store.load();
    flushPage([makeRoom({ id: 'a', unreadCount: 3 }), makeRoom({ id: 'b' })]);

    socket.server('room:added', makeRoom({ id: 'n', name: 'New' }));
    expect(ids()).toEqual(['n', 'a', 'b']);

    socket.server('room:updated', makeRoom({ id: 'a', name: 'Renamed', unreadCount: 0 }));
    expect(ids()).toEqual(['n', 'a', 'b']);
    expect(store.room('a')?.name).toBe('Renamed');
    expect(store.room('a')?.unreadCount).toBe(3);

    socket.server('room:removed', { roomId: 'a' });
    expect(ids()).toEqual(['n', 'b']);
  });

  it('fetches a room it has not loaded yet when a message arrives for it', () => {
    store.load();
    flushPage([makeRoom({ id: 'a' })]);
    socket.server('message:new', makeMessage({ roomId: 'far' }));
    // Both ask: the list for the room, UnreadStore for its count.
    for (const req of http.match('/api/chats/far')) req.flush(makeRoom({ id: 'far', unreadCount: 1 }));
    expect(ids()).toEqual(['far', 'a']);
  });

  it('ignores messages of a public room I only watch', () => {
    store.load();
    flushPage([makeRoom({ id: 'a' })]);
    store.setWatched('pub', true);
    socket.server('message:new', makeMessage({ roomId: 'pub' }));
    http.expectNone('/api/chats/pub');
    expect(ids()).toEqual(['a']);
  });

  it('tracks typing and presence for the list', () => {
    store.load();
    flushPage([makeRoom({ id: 'dm', kind: 'direct', members: [ada, anna] })]);
    socket.server('typing', { roomId: 'dm', user: anna, isTyping: true });
    expect(store.typing()['dm']).toEqual([{ id: 'u2', name: 'Anna' }]);
    socket.server('typing', { roomId: 'dm', user: anna, isTyping: false });
    expect(store.typing()['dm']).toEqual([]);

    socket.server('presence', { userId: 'u2', online: true, lastSeenAt: null });
    expect(store.room('dm')?.members.find((m) => m.id === 'u2')?.online).toBe(true);
  });

  it('after a reconnect takes my rooms from the list UnreadStore reads, without asking again', () => {
    store.load();
    flushPage([makeRoom({ id: 'a' })]);
    socket.state.next('connecting');
    socket.state.next('connected');
    // Only UnreadStore's read of every room goes out (afterEach verifies nothing else is pending).
    flushUnread([makeRoom({ id: 'z' }), makeRoom({ id: 'a' })]);
    expect(ids()).toEqual(['z', 'a']);
  });

  it('at start-up the page is read once; the first connect brings what happened in between', () => {
    socket.state.next('connecting');
    store.load();
    http
      .expectOne((r) => r.url === '/api/chats' && !isUnreadLoad(r))
      .flush({ items: [makeRoom({ id: 'a' }), makeRoom({ id: 'b' })], nextCursor: 'c1' });
    socket.state.next('connected');
    http.expectNone((r) => r.url === '/api/chats' && !isUnreadLoad(r));
    // A room became active before the socket was up: on top; the rooms shown stay, the cursor too.
    flushUnread([makeRoom({ id: 'n' }), makeRoom({ id: 'b' }), makeRoom({ id: 'a' }), makeRoom({ id: 'c' })]);
    expect(ids()).toEqual(['n', 'b', 'a']);
    expect(store.hasMore()).toBe(true);
  });

  it('rooms read after the connect while the first page is still loading win over it', () => {
    socket.state.next('connecting');
    store.load();
    socket.state.next('connected');
    flushUnread([makeRoom({ id: 'n' }), makeRoom({ id: 'a' })]);
    http
      .expectOne((r) => r.url === '/api/chats' && !isUnreadLoad(r))
      .flush({ items: [makeRoom({ id: 'a' })], nextCursor: null });
    expect(ids()).toEqual(['n', 'a']);
  });
});
