import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Notification } from '@world-it/contracts';

import { ada, FakeSocketService } from '../../features/chats/testing/fake-socket.service';
import { makeMe } from '../../features/people/testing/profiles';
import { SESSION_STORAGE_KEY } from '../auth/auth.service';
import { I18nService, LANGUAGE_STORAGE_KEY } from '../i18n/i18n.service';
import { SocketService } from '../socket/socket.service';
import { NotificationsPanelComponent } from './notifications-panel.component';

function note(partial: Partial<Notification>): Notification {
  return {
    id: 'n-' + Math.random().toString(36).slice(2, 8),
    type: 'post_liked',
    actor: ada,
    subjectId: 'post-1',
    read: true,
    actorsCount: 1,
    createdAt: new Date().toISOString(),
    ...partial,
  };
}

describe('NotificationsPanelComponent, post notifications', () => {
  let http: HttpTestingController;

  async function render(lang: 'en' | 'uk', items: Notification[]): Promise<HTMLElement> {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    await TestBed.inject(I18nService).ready();
    const fixture = TestBed.createComponent(NotificationsPanelComponent);
    await fixture.whenStable();
    http
      .match('/api/notifications/unread-count')
      .filter((r) => !r.cancelled)
      .forEach((r) => r.flush({ count: 0 }));
    http.expectOne((r) => r.url === '/api/notifications').flush({ items, nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: makeMe() }));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  const texts = (el: HTMLElement) =>
    [...el.querySelectorAll('[data-testid=notification] .item__text')].map((t) => t.textContent?.trim());

  it('names one person, or one and how many others, and links to the post', async () => {
    const el = await render('en', [
      note({ type: 'post_liked', actorsCount: 4, subjectId: 'p-9' }),
      note({ type: 'post_commented', actorsCount: 2 }),
      note({ type: 'post_liked', actorsCount: 1 }),
      note({ type: 'post_commented' }),
    ]);
    expect(texts(el)).toEqual([
      'Ada and 3 others liked your post',
      'Ada and 1 other commented on your post',
      'Ada liked your post',
      'Ada commented on your post',
    ]);
    expect(el.querySelector('[data-testid=notification] a')?.getAttribute('href')).toBe('/posts/p-9');
  });

  it('says it with Ukrainian plurals', async () => {
    const el = await render('uk', [
      note({ type: 'post_liked', actorsCount: 2 }),
      note({ type: 'post_liked', actorsCount: 4 }),
      note({ type: 'post_commented', actorsCount: 6 }),
    ]);
    expect(texts(el)).toEqual([
      'Ada і ще 1 людина вподобали ваш допис',
      'Ada і ще 3 людини вподобали ваш допис',
      'Ada і ще 5 людей прокоментували ваш допис',
    ]);
  });
});
