import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Notification } from '@world-it/contracts';

import { ada, FakeSocketService } from '../../features/chats/testing/fake-socket.service';
import { makeMe } from '../../features/people/testing/profiles';
import { SESSION_STORAGE_KEY } from '../auth/auth.service';
import { SocketService } from '../socket/socket.service';
import { NotificationsStore } from './notifications.store';

function note(partial: Partial<Notification> = {}): Notification {
  return {
    id: 'n-' + Math.random().toString(36).slice(2, 8),
    type: 'friend_request',
    actor: ada,
    subjectId: 'req-1',
    actorsCount: 1,
    read: false,
    createdAt: '2026-03-01T10:00:00.000Z',
    ...partial,
  };
}

describe('NotificationsStore', () => {
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let store: NotificationsStore;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: makeMe() }));
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SocketService, useValue: socket }],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(NotificationsStore);
    TestBed.tick();
  });

  afterEach(() => http.verify());

  /** Answers every pending unread-count request (sign-in, reconnect) with `count`. */
  function answerCount(count: number): void {
    for (const req of http.match('/api/notifications/unread-count')) if (!req.cancelled) req.flush({ count });
  }

  async function loadList(items: Notification[], nextCursor: string | null = null): Promise<void> {
    const loading = store.load();
    http.expectOne((r) => r.url === '/api/notifications').flush({ items, nextCursor });
    await loading;
  }

  it('asks for the unread count when signed in, then follows the count the server pushes', () => {
    answerCount(2);
    expect(store.unreadCount()).toBe(2);

    socket.server('notifications:unread', { count: 3 });
    expect(store.unreadCount()).toBe(3);
    socket.server('notifications:unread', { count: 0 });
    expect(store.unreadCount()).toBe(0);
  });

  it('asks once per connection: signing in waits for the socket instead of asking twice', () => {
    answerCount(0);
    TestBed.resetTestingModule();
    socket = new FakeSocketService();
    socket.state.next('connecting');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SocketService, useValue: socket }],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(NotificationsStore);
    TestBed.tick();
    http.expectNone('/api/notifications/unread-count');
    socket.state.next('connected');
    http.expectOne('/api/notifications/unread-count').flush({ count: 5 });
    expect(store.unreadCount()).toBe(5);
  });

  it('asks again after the socket reconnects (what came while it was away)', () => {
    answerCount(0);
    socket.state.next('disconnected');
    socket.state.next('connected');
    answerCount(4);
    expect(store.unreadCount()).toBe(4);
  });

  it('puts a pushed notification on top of the open list, and a bumped one (same id) moves there', async () => {
    answerCount(0);
    const older = note({ id: 'n1', type: 'message', subjectId: 'room-1' });
    const other = note({ id: 'n2', type: 'friend_accepted', subjectId: null });
    await loadList([other, older]);

    const fresh = note({ id: 'n3' });
    socket.server('notification', fresh);
    expect(store.items().map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);

    socket.server('notification', { ...older, createdAt: '2026-03-02T10:00:00.000Z' });
    expect(store.items().map((n) => n.id)).toEqual(['n1', 'n3', 'n2']);
    // Something that is not a notification changes nothing.
    socket.server('notification', { nope: true } as unknown as Notification);
    expect(store.items()).toHaveLength(3);
  });

  it('marks the shown ones read: the badge drops at once, the list keeps its unread look until settled', async () => {
    answerCount(3);
    await loadList([note({ id: 'n1' }), note({ id: 'n2' }), note({ id: 'n3', read: true })]);

    const marking = store.markRead(['n1', 'n2', 'n3']);
    expect(store.unreadCount()).toBe(1);
    const req = http.expectOne('/api/notifications/read');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ ids: ['n1', 'n2'] });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await expect(marking).resolves.toBe(true);
    expect(store.items().filter((n) => !n.read)).toHaveLength(2);

    store.settle();
    expect(store.items().every((n) => n.read)).toBe(true);
  });

  it('puts the badge back when marking read fails', async () => {
    answerCount(2);
    await loadList([note({ id: 'n1' }), note({ id: 'n2' })]);

    const marking = store.markRead(['n1']);
    expect(store.unreadCount()).toBe(1);
    http.expectOne('/api/notifications/read').flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await expect(marking).resolves.toBe(false);
    expect(store.unreadCount()).toBe(2);
  });

  it('"mark all as read" sends no ids and shows everything read', async () => {
    answerCount(5);
    await loadList([note({ id: 'n1' }), note({ id: 'n2' })], 'next');

    const marking = store.markRead();
    expect(store.unreadCount()).toBe(0);
    const req = http.expectOne('/api/notifications/read');
    expect(req.request.body).toEqual({});
    req.flush(null, { status: 204, statusText: 'No Content' });
    await marking;
    expect(store.items().some((n) => !n.read)).toBe(false);
    expect(store.hasUnread()).toBe(false);
  });
});
