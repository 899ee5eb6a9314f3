import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Post, UserSummary } from '@world-it/contracts';

import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { NoticeService } from '../../../core/notice/notice.service';
import { SocketService } from '../../../core/socket/socket.service';
import { FakeSocketService } from '../../chats/testing/fake-socket.service';
import { makeMe } from '../../people/testing/profiles';
import { FeedPage } from './feed.page';

const bob: UserSummary = { id: 'u-bob', displayName: 'Bob', avatarUrl: null, online: true };

let seq = 0;
function makePost(partial: Partial<Post> = {}): Post {
  seq++;
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString();
  return {
    id: `p${seq}`,
    author: bob,
    title: `Post ${seq}`,
    content: '',
    tags: [],
    links: [],
    images: [],
    imagesRemoved: 0,
    visibility: 'public',
    likesCount: 0,
    commentsCount: 0,
    likedByMe: false,
    createdAt: at,
    updatedAt: at,
    ...partial,
  };
}
const page = (items: Post[], nextCursor: string | null = null) => ({ items, nextCursor });

describe('FeedPage', () => {
  let fixture: ComponentFixture<FeedPage>;
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let notices: NoticeService;

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const ids = () => [...el().querySelectorAll('[data-testid=post-card]')].map((c) => c.getAttribute('data-post-id'));
  const q = <T extends Element = HTMLElement>(sel: string) => el().querySelector<T & Element>(sel);
  const card = (id: string) => el().querySelector(`[data-testid=post-card][data-post-id="${id}"]`)!;
  const text = (root: Element, testId: string) => root.querySelector(`[data-testid=${testId}]`)?.textContent?.trim();
  const feedRequest = () => http.expectOne((r) => r.url === '/api/posts' && !r.params.has('cursor'));

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function open(posts: Post[], nextCursor: string | null = null): Promise<void> {
    fixture = TestBed.createComponent(FeedPage);
    await fixture.whenStable();
    const req = feedRequest();
    expect(req.request.params.get('scope')).toBe('feed');
    req.flush(page(posts, nextCursor));
    await fixture.whenStable();
  }

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

  it('invites the first post and the first friend when the feed is empty', async () => {
    await open([]);
    const empty = q('[data-testid=feed-empty]');
    expect(empty?.textContent).toContain('Your feed is quiet');
    expect(q('[data-testid=feed-find-friends]')?.getAttribute('href')).toBe('/people');
    expect(q('[data-testid=feed-write-first]')).not.toBeNull();
  });

  it('shows an error with a retry that asks again', async () => {
    fixture = TestBed.createComponent(FeedPage);
    await fixture.whenStable();
    feedRequest().flush({ statusCode: 500, message: 'boom', error: 'x' }, { status: 500, statusText: 'x' });
    await fixture.whenStable();
    expect(q('[data-testid=posts-error]')).not.toBeNull();
    q<HTMLButtonElement>('[data-testid=posts-retry]')!.click();
    await fixture.whenStable();
    feedRequest().flush(page([makePost()]));
    await fixture.whenStable();
    expect(ids()).toHaveLength(1);
  });

  it('counts posts announced on the socket in a banner, and brings them in on top when pressed', async () => {
    const older = makePost();
    await open([older]);
    const fresh1 = makePost();
    const fresh2 = makePost();
    socket.server('post:new', { postId: fresh1.id, authorId: bob.id, createdAt: fresh1.createdAt });
    socket.server('post:new', { postId: fresh2.id, authorId: bob.id, createdAt: fresh2.createdAt });
    // The same post twice (two devices) counts once; one already shown counts not at all.
    socket.server('post:new', { postId: fresh2.id, authorId: bob.id, createdAt: fresh2.createdAt });
    socket.server('post:new', { postId: older.id, authorId: bob.id, createdAt: older.createdAt });
    await fixture.whenStable();
    expect(ids()).toEqual([older.id]);
    const banner = q<HTMLButtonElement>('[data-testid=feed-new-posts]')!;
    expect(banner.textContent?.trim()).toBe('2 new posts');

    banner.click();
    await fixture.whenStable();
    feedRequest().flush(page([fresh2, fresh1, older], 'c1'));
    await settle();
    expect(ids()).toEqual([fresh2.id, fresh1.id, older.id]);
    expect(q('[data-testid=feed-new-posts]')).toBeNull();
  });

  it('a like shows at once, and goes back with a message when the server refuses it', async () => {
    const post = makePost({ likesCount: 4 });
    await open([post]);
    const like = card(post.id).querySelector<HTMLButtonElement>('[data-testid=post-like]')!;
    like.click();
    await fixture.whenStable();
    expect(text(card(post.id), 'post-likes')).toBe('5');
    expect(like.getAttribute('aria-pressed')).toBe('true');

    const req = http.expectOne(`/api/posts/${post.id}/like`);
    expect(req.request.method).toBe('POST');
    req.flush({ statusCode: 404, message: 'Post not found', error: 'Not Found' }, { status: 404, statusText: 'x' });
    await settle();
    expect(text(card(post.id), 'post-likes')).toBe('4');
    expect(card(post.id).querySelector('[data-testid=post-like]')!.getAttribute('aria-pressed')).toBe('false');
    expect(notices.notices().map((n) => n.text)).toContain('Post not found');
  });

  it('keeps the server’s count after a like, and follows live post:counts', async () => {
    const post = makePost({ likesCount: 1, likedByMe: false });
    await open([post]);
    card(post.id).querySelector<HTMLButtonElement>('[data-testid=post-like]')!.click();
    await fixture.whenStable();
    http.expectOne(`/api/posts/${post.id}/like`).flush({ likesCount: 7, likedByMe: true });
    await settle();
    expect(text(card(post.id), 'post-likes')).toBe('7');

    socket.server('post:counts', { postId: post.id, likesCount: 9, commentsCount: 3 });
    // A malformed payload changes nothing.
    socket.server('post:counts', { postId: post.id, likesCount: -1, commentsCount: 'x' } as never);
    await fixture.whenStable();
    expect(text(card(post.id), 'post-likes')).toBe('9');
    expect(text(card(post.id), 'post-comments-count')).toBe('3');
  });

  it('counts a comment of mine once, whether the socket or the answer comes first', async () => {
    const post = makePost({ commentsCount: 2 });
    await open([post]);
    card(post.id).querySelector<HTMLButtonElement>('[data-testid=post-comments-toggle]')!.click();
    await fixture.whenStable();
    http.expectOne((r) => r.url === `/api/posts/${post.id}/comments`).flush(page([]) as never);
    await settle();
    const box = card(post.id).querySelector<HTMLTextAreaElement>('[data-testid=comment-input]')!;
    box.value = 'Nice';
    box.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    card(post.id).querySelector<HTMLButtonElement>('[data-testid=comment-send]')!.click();
    await fixture.whenStable();
    const req = http.expectOne((r) => r.url === `/api/posts/${post.id}/comments` && r.method === 'POST');
    expect(req.request.body).toEqual({ content: 'Nice' });
    // The server announces the new count before it answers the request.
    socket.server('post:counts', { postId: post.id, likesCount: 0, commentsCount: 3 });
    await fixture.whenStable();
    req.flush({ id: 'c1', postId: post.id, author: bob, content: 'Nice', createdAt: new Date().toISOString() });
    await settle();
    expect(text(card(post.id), 'post-comments-count')).toBe('3');
    expect(card(post.id).querySelectorAll('[data-testid=comment]')).toHaveLength(1);
  });

  it('renders text as text with links as safe anchors, and links by their host', async () => {
    const post = makePost({
      content: '<img src=x onerror=alert(1)> see https://angular.dev/guide\nnext line',
      links: ['https://www.github.com/angular/angular'],
      tags: ['angular'],
    });
    await open([post]);
    const content = card(post.id).querySelector('[data-testid=post-content]')!;
    expect(content.querySelector('img')).toBeNull();
    expect(content.textContent).toContain('<img src=x onerror=alert(1)>');
    const a = content.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://angular.dev/guide');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(text(card(post.id), 'post-link-host')).toBe('github.com');
    expect(card(post.id).querySelector('[data-testid=post-tag]')!.getAttribute('href')).toBe('/tags/angular');
  });

  it('the composer names its mistakes and sends nothing until they are fixed', async () => {
    await open([]);
    const composer = q('[data-testid=post-composer]')!;
    composer.querySelector<HTMLInputElement>('[data-testid=composer-title]')!.dispatchEvent(new Event('focus'));
    await fixture.whenStable();
    composer.querySelector<HTMLButtonElement>('[data-testid=composer-submit]')!.click();
    await fixture.whenStable();
    expect(text(composer, 'composer-title-error')).toBe('Give your post a title.');

    const link = composer.querySelector<HTMLInputElement>('[data-testid=composer-link-input]')!;
    link.value = 'javascript:alert(1)';
    link.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    composer.querySelector<HTMLButtonElement>('[data-testid=composer-link-add]')!.click();
    await fixture.whenStable();
    expect(text(composer, 'composer-link-error')).toContain('http:// or https://');

    const tag = composer.querySelector<HTMLInputElement>('[data-testid=composer-tag-input]')!;
    tag.value = '#Web Dev,';
    tag.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect([...composer.querySelectorAll('[data-testid=composer-tag]')].map((c) => c.textContent?.trim())).toEqual([
      '#web-dev',
    ]);
    http.expectNone('/api/posts');
    // The suggestions asked for what was typed meanwhile.
    http.match((r) => r.url === '/api/tags').forEach((r) => r.flush([]));
  });

  it('publishes a post with the server’s refusal shown as its own message, then on top of the list', async () => {
    await open([]);
    const composer = q('[data-testid=post-composer]')!;
    const title = composer.querySelector<HTMLInputElement>('[data-testid=composer-title]')!;
    title.dispatchEvent(new Event('focus'));
    title.value = 'Hello';
    title.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    composer.querySelector<HTMLButtonElement>('[data-testid=composer-submit]')!.click();
    await fixture.whenStable();
    const first = http.expectOne((r) => r.url === '/api/posts' && r.method === 'POST');
    expect(first.request.body).toEqual({
      title: 'Hello',
      content: '',
      tags: [],
      links: [],
      imageIds: [],
      visibility: 'public',
    });
    first.flush(
      { statusCode: 400, message: ['each link must be an http or https URL'], error: 'Bad Request' },
      { status: 400, statusText: 'x' },
    );
    await settle();
    expect(text(composer, 'composer-error')).toBe('each link must be an http or https URL');

    composer.querySelector<HTMLButtonElement>('[data-testid=composer-submit]')!.click();
    await fixture.whenStable();
    const created = makePost({ title: 'Hello', author: { ...bob, id: 'me' } });
    http.expectOne((r) => r.url === '/api/posts' && r.method === 'POST').flush(created);
    await settle();
    expect(ids()).toEqual([created.id]);
    // The announcement of my own post does not call for the banner.
    socket.server('post:new', { postId: created.id, authorId: 'me', createdAt: created.createdAt });
    await fixture.whenStable();
    expect(q('[data-testid=feed-new-posts]')).toBeNull();
  });
});
