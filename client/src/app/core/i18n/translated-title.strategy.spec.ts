import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { type Me, PAGE_LIMIT_MAX } from '@world-it/contracts';

import { anna, FakeSocketService, makeMessage, makeRoom } from '../../features/chats/testing/fake-socket.service';
import { SESSION_STORAGE_KEY } from '../auth/auth.service';
import { SocketService } from '../socket/socket.service';
import { I18nService, LANGUAGE_STORAGE_KEY } from './i18n.service';
import { TranslatedTitleStrategy } from './translated-title.strategy';

@Component({ template: '' })
class BlankPage {}

describe('TranslatedTitleStrategy', () => {
  let socket: FakeSocketService;
  let title: Title;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', refreshToken: 'r', user: { id: 'u1', displayName: 'Ada' } as Me }),
    );
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        // The app's wiring: the Router builds the strategy, which reads UnreadStore (→ AuthService → Router).
        provideRouter([{ path: 'people', title: 'nav.people', component: BlankPage }]),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
      ],
    });
    title = TestBed.inject(Title);
    await TestBed.inject(Router).navigateByUrl('/people');
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === '/api/chats' && r.params.get('limit') === String(PAGE_LIMIT_MAX))
      .flush({ items: [makeRoom({ id: 'a', unreadCount: 2 })], nextCursor: null });
    TestBed.tick();
  });

  it('puts my unread message count before the page title and follows it live', () => {
    expect(title.getTitle()).toBe('(2) People · World IT');
    socket.server('message:new', makeMessage({ roomId: 'a', author: anna }));
    TestBed.tick();
    expect(title.getTitle()).toBe('(3) People · World IT');
    socket.server('read', { roomId: 'a', userId: 'u1', messageId: 'm' });
    TestBed.tick();
    expect(title.getTitle()).toBe('People · World IT');
  });

  it('keeps the count when the language changes', async () => {
    const i18n = TestBed.inject(I18nService);
    i18n.use('uk');
    await i18n.ready(); // Ukrainian is its own chunk, fetched on the switch
    TestBed.tick();
    expect(title.getTitle()).toBe('(2) Люди · World IT');
  });
});
