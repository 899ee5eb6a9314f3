import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { FriendRequest, UserSummary } from '@world-it/contracts';

import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { NoticeService } from '../../../core/notice/notice.service';
import { SocketService } from '../../../core/socket/socket.service';
import { FakeSocketService } from '../../chats/testing/fake-socket.service';
import { makeMe } from '../../people/testing/profiles';
import { FriendsPage } from './friends.page';

const me: UserSummary = { id: 'me', displayName: 'Ada Lovelace', avatarUrl: null, online: true };
const bob: UserSummary = { id: 'u-bob', displayName: 'Bob', avatarUrl: null, online: true };
const cy: UserSummary = { id: 'u-cy', displayName: 'Cy', avatarUrl: null, online: false };
const dee: UserSummary = { id: 'u-dee', displayName: 'Dee', avatarUrl: null, online: false };

const request = (id: string, from: UserSummary, to: UserSummary): FriendRequest => ({
  id,
  from,
  to,
  createdAt: '2026-03-01T10:00:00.000Z',
});
const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor });

describe('FriendsPage', () => {
  let fixture: ComponentFixture<FriendsPage>;
  let http: HttpTestingController;
  let notices: NoticeService;
  let socket: FakeSocketService;

  async function open(tab?: string): Promise<void> {
    fixture = TestBed.createComponent(FriendsPage);
    if (tab) fixture.componentRef.setInput('tab', tab);
    await fixture.whenStable();
  }

  /** The first pages the page asks for on opening, answered. */
  function answerFirstPages(lists: {
    friends?: UserSummary[];
    incoming?: FriendRequest[];
    outgoing?: FriendRequest[];
  }) {
    http.expectOne((r) => r.url === '/api/friendships').flush(page(lists.friends ?? []));
    http
      .expectOne((r) => r.url === '/api/friendships/requests' && r.params.get('direction') === 'incoming')
      .flush(page(lists.incoming ?? []));
    http
      .expectOne((r) => r.url === '/api/friendships/requests' && r.params.get('direction') === 'outgoing')
      .flush(page(lists.outgoing ?? []));
  }

  /** Lets the action's promise see the server's answer, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const rows = (): string[] =>
    [...el().querySelectorAll('[data-testid=friend-row]')].map((r) => r.getAttribute('data-user-id') ?? '');
  const tab = (id: string): HTMLButtonElement => el().querySelector(`[data-testid=friends-tab-${id}]`)!;
  const button = (userId: string, testId: string): HTMLButtonElement =>
    el().querySelector(`[data-testid=friend-row][data-user-id="${userId}"] [data-testid=${testId}]`)!;
  const errors = () => notices.notices().filter((n) => n.kind === 'error');

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: makeMe() }));
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    notices = TestBed.inject(NoticeService);
  });

  afterEach(() => http.verify());

  it('opens the tab named in the URL, with counts on the tabs and the incoming count as a badge', async () => {
    await open('incoming');
    answerFirstPages({ friends: [cy], incoming: [request('r1', bob, me)], outgoing: [] });
    await fixture.whenStable();

    expect(tab('incoming').getAttribute('aria-selected')).toBe('true');
    expect(tab('friends').getAttribute('aria-selected')).toBe('false');
    expect(tab('incoming').tabIndex).toBe(0);
    expect(tab('friends').tabIndex).toBe(-1);
    expect(rows()).toEqual([bob.id]);
    expect(el().querySelector('[data-testid=friends-incoming-badge]')?.textContent?.trim()).toBe('1');
    expect(tab('friends').getAttribute('aria-label')).toBe('Friends, 1');
  });

  it('Accept moves the person to Friends at once and keeps it when the server agrees', async () => {
    await open('incoming');
    answerFirstPages({ incoming: [request('r1', bob, me)] });
    await fixture.whenStable();

    button(bob.id, 'friend-accept').click();
    await fixture.whenStable();
    expect(rows()).toEqual([]);
    expect(tab('friends').getAttribute('aria-label')).toBe('Friends, 1');
    const req = http.expectOne('/api/friendships/requests/r1/accept');
    expect(req.request.method).toBe('POST');
    req.flush({ status: 'friends' });
    await settle();

    expect(el().querySelector('[data-testid=friends-empty]')).not.toBeNull();
    expect(el().querySelector('[data-testid=friends-incoming-badge]')).toBeNull();
    expect(errors()).toEqual([]);
  });

  it('puts the request back, with a toast, when Accept fails', async () => {
    await open('incoming');
    answerFirstPages({ incoming: [request('r1', bob, me), request('r2', cy, me)] });
    await fixture.whenStable();

    button(bob.id, 'friend-accept').click();
    await fixture.whenStable();
    expect(rows()).toEqual([cy.id]);
    http
      .expectOne('/api/friendships/requests/r1/accept')
      .flush(
        { statusCode: 404, message: 'No such pending request', error: 'Not Found' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();

    expect(rows()).toEqual([bob.id, cy.id]);
    expect(tab('friends').getAttribute('aria-label')).toBe('Friends, 0');
    expect(errors().map((n) => n.text)).toEqual(['No such pending request']);
  });

  it('Add friend on a suggestion says "Request sent" at once and the request joins Sent', async () => {
    await open('suggestions');
    answerFirstPages({ outgoing: [request('r0', me, cy)] });
    http.expectOne('/api/friendships/suggestions').flush([dee, bob]);
    await fixture.whenStable();
    expect(rows()).toEqual([dee.id, bob.id]);

    button(dee.id, 'friend-add').click();
    await fixture.whenStable();
    expect(button(dee.id, 'friend-add')).toBeNull();
    expect(el().querySelector(`[data-user-id="${dee.id}"] [data-testid=friend-requested]`)?.textContent).toContain(
      'Request sent',
    );
    const req = http.expectOne('/api/friendships/requests');
    expect(req.request.body).toEqual({ userId: dee.id });
    req.flush(request('r9', me, dee), { status: 201, statusText: 'Created' });
    await settle();
    expect(tab('outgoing').getAttribute('aria-label')).toBe('Sent, 2');

    // Refused (say, a block): the button comes back and a toast says why.
    button(bob.id, 'friend-add').click();
    await fixture.whenStable();
    http
      .expectOne('/api/friendships/requests')
      .flush(
        { statusCode: 403, message: 'You cannot send this person a request', error: 'Forbidden', code: 'blocked' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(button(bob.id, 'friend-add')).not.toBeNull();
    expect(errors().map((n) => n.text)).toEqual(['You cannot send this person a request']);
  });

  it('Unfriend asks first and removes the friend only once confirmed', async () => {
    await open();
    answerFirstPages({ friends: [bob, cy] });
    await fixture.whenStable();

    button(bob.id, 'friend-unfriend').click();
    await fixture.whenStable();
    http.expectNone('/api/friendships/u-bob');
    const dialog = el().querySelector('[data-testid=confirm-dialog]')!;
    expect(dialog.textContent).toContain('Remove Bob from your friends?');
    (dialog.querySelector('[data-testid=confirm-ok]') as HTMLButtonElement).click();
    await fixture.whenStable();

    expect(rows()).toEqual([cy.id]);
    const req = http.expectOne('/api/friendships/u-bob');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(rows()).toEqual([cy.id]);
  });

  it('loads more by cursor and shows an error with a retry when a list fails', async () => {
    await open();
    http.expectOne((r) => r.url === '/api/friendships').flush(page([bob], 'c1'));
    http
      .expectOne((r) => r.params.get('direction') === 'incoming')
      .flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    http.expectOne((r) => r.params.get('direction') === 'outgoing').flush(page([]));
    await fixture.whenStable();
    expect(tab('friends').getAttribute('aria-label')).toBe('Friends, 1+');

    (el().querySelector('[data-testid=friends-load-more]') as HTMLButtonElement).click();
    const more: TestRequest = http.expectOne((r) => r.url === '/api/friendships' && r.params.get('cursor') === 'c1');
    more.flush(page([cy]));
    await fixture.whenStable();
    expect(rows()).toEqual([bob.id, cy.id]);
    expect(el().querySelector('[data-testid=friends-load-more]')).toBeNull();

    fixture.componentRef.setInput('tab', 'incoming');
    await fixture.whenStable();
    // The failed list is asked again when its tab opens; it fails again and offers a retry.
    http
      .expectOne((r) => r.params.get('direction') === 'incoming')
      .flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(el().querySelector('[data-testid=friends-error]')).not.toBeNull();
    (el().querySelector('[data-testid=friends-retry]') as HTMLButtonElement).click();
    http.expectOne((r) => r.params.get('direction') === 'incoming').flush(page([request('r1', dee, me)]));
    await fixture.whenStable();
    expect(rows()).toEqual([dee.id]);
  });

  it('arrow keys move along the tabs and put the tab in the URL', async () => {
    await open();
    answerFirstPages({});
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    tab('friends').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: { tab: 'incoming' }, replaceUrl: true }),
    );
    expect(document.activeElement).toBe(tab('incoming'));

    tab('friends').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { tab: 'suggestions' } }));
    tab('friends').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(document.activeElement).toBe(tab('suggestions'));
  });

  it('a friend request arriving on the socket refreshes the incoming list', async () => {
    await open('incoming');
    answerFirstPages({});
    await fixture.whenStable();

    socket.server('notification', {
      id: 'n1',
      type: 'friend_request',
      actor: bob,
      subjectId: 'r5',
      actorsCount: 1,
      read: false,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    http.expectOne((r) => r.params.get('direction') === 'incoming').flush(page([request('r5', bob, me)]));
    await fixture.whenStable();
    expect(rows()).toEqual([bob.id]);
  });
});
