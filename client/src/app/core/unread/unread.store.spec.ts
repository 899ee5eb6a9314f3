import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type Me, PAGE_LIMIT_MAX, type Room } from '@world-it/contracts';

import { ada, anna, FakeSocketService, makeMessage, makeRoom } from '../../features/chats/testing/fake-socket.service';
import { AuthService, SESSION_STORAGE_KEY } from '../auth/auth.service';
import { SocketService } from '../socket/socket.service';
import { UnreadStore } from './unread.store';

describe('UnreadStore', () => {
  let socket: FakeSocketService;
  let http: HttpTestingController;
  let store: UnreadStore;

  const listRequest = (cursor: string | null) => (r: HttpRequest<unknown>) =>
    r.url === '/api/chats' && r.params.get('limit') === String(PAGE_LIMIT_MAX) && r.params.get('cursor') === cursor;

  function flushList(items: Room[], cursor: string | null = null, nextCursor: string | null = null): void {
    http.expectOne(listRequest(cursor)).flush({ items, nextCursor });
  }

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', refreshToken: 'r', user: { ...ada } as Me }),
    );
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]), // sign-out goes to /login
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(UnreadStore);
  });
  afterEach(() => http.verify());

  it('on connect reads every page of my rooms and totals their unread messages', () => {
    flushList([makeRoom({ id: 'a', unreadCount: 2 }), makeRoom({ id: 'b' })], null, 'p2');
    expect(store.total()).toBe(0); // not until the last page
    flushList([makeRoom({ id: 'c', unreadCount: 3 })], 'p2');
    expect(store.total()).toBe(5);
    expect(store.countFor('a')).toBe(2);
    expect(store.countFor('b')).toBe(0);
    expect(store.countFor('nope')).toBeUndefined();
  });

  it('counts others’ new messages, not mine and not those of the room open on screen', () => {
    flushList([makeRoom({ id: 'a' }), makeRoom({ id: 'b', unreadCount: 1 })]);
    socket.server('message:new', makeMessage({ roomId: 'a', author: anna }));
    socket.server('message:new', makeMessage({ roomId: 'a', author: anna }));
    expect(store.countFor('a')).toBe(2);
    socket.server('message:new', makeMessage({ roomId: 'a', author: ada }));
    expect(store.countFor('a')).toBe(2);

    store.activeRoomId.set('b');
    socket.server('message:new', makeMessage({ roomId: 'b', author: anna }));
    expect(store.countFor('b')).toBe(1);
    expect(store.total()).toBe(3);
  });

  it('my read — from this tab or any other — clears the room; another member’s read does not', () => {
    flushList([makeRoom({ id: 'a', unreadCount: 4 }), makeRoom({ id: 'b', unreadCount: 1 })]);
    socket.server('read', { roomId: 'a', userId: anna.id, messageId: 'm' });
    expect(store.total()).toBe(5);
    socket.server('read', { roomId: 'a', userId: ada.id, messageId: 'm' });
    expect(store.total()).toBe(1);
    store.markRead('b');
    expect(store.total()).toBe(0);
  });

  it('room:added brings its count, room:removed takes it away', () => {
    flushList([makeRoom({ id: 'a', unreadCount: 1 })]);
    socket.server('room:added', makeRoom({ id: 'n', unreadCount: 2 }));
    expect(store.total()).toBe(3);
    socket.server('room:removed', { roomId: 'a' });
    expect(store.total()).toBe(2);
  });

  it('a first message in a direct room not yet listed is counted from the server; a watched group’s never', () => {
    flushList([makeRoom({ id: 'a' })]);
    socket.server('message:new', makeMessage({ roomId: 'dm', author: anna }));
    http.expectOne('/api/chats/dm').flush(makeRoom({ id: 'dm', kind: 'direct', unreadCount: 1 }));
    expect(store.total()).toBe(1);
    socket.server('message:new', makeMessage({ roomId: 'dm', author: anna }));
    expect(store.total()).toBe(2);

    socket.server('message:new', makeMessage({ roomId: 'pub', author: anna }));
    http.expectOne('/api/chats/pub').flush(makeRoom({ id: 'pub', kind: 'group', unreadCount: 0 }));
    socket.server('message:new', makeMessage({ roomId: 'pub', author: anna }));
    http.expectNone('/api/chats/pub');

    store.setWatched('watched', true);
    socket.server('message:new', makeMessage({ roomId: 'watched', author: anna }));
    http.expectNone('/api/chats/watched');
    expect(store.total()).toBe(2);
  });

  it('starts again from the server after a reconnect, and forgets everything on sign-out', () => {
    flushList([makeRoom({ id: 'a', unreadCount: 1 })]);
    socket.state.next('connecting');
    socket.state.next('connected');
    flushList([makeRoom({ id: 'a', unreadCount: 3 })]);
    expect(store.total()).toBe(3);

    TestBed.inject(AuthService).expireSession();
    TestBed.tick();
    expect(store.total()).toBe(0);
  });
});
