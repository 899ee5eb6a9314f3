import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me } from '@world-it/contracts';

import { AuthService, SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { I18nService, LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { NoticeService } from '../../../core/notice/notice.service';
import { makeMe } from '../../people/testing/profiles';
import { SettingsPage } from './settings.page';

describe('SettingsPage', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let http: HttpTestingController;
  let me: Me;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    me = makeMe({ emailDigest: false, language: 'en' });
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: me }));
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SettingsPage);
    // The blocked-people section loads its list with the page.
    http.expectOne((r) => r.url === '/api/profiles/me/blocked').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    // The profile picture section reads my avatar history as it opens.
    http.expectOne('/api/profiles/me/avatars').flush([]);
  });

  afterEach(() => http.verify());

  const digest = (): HTMLInputElement => fixture.nativeElement.querySelector('[data-testid="settings-digest"]');

  async function toggleDigest(): Promise<void> {
    digest().click();
    await fixture.whenStable();
  }

  it('shows the queue dashboard section to admins only', async () => {
    const admin = (): HTMLElement | null => fixture.nativeElement.querySelector('[data-testid="settings-admin"]');
    expect(admin()).toBeNull();
    TestBed.inject(AuthService).setUser({ ...me, role: 'admin' });
    await fixture.whenStable();
    expect(admin()?.textContent).toContain('Open queue dashboard');
  });

  it('flips the digest switch at once and keeps it when the server saves it', async () => {
    expect(digest().checked).toBe(false);
    await toggleDigest();
    expect(digest().checked).toBe(true);

    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/profiles/me');
    expect(req.request.body).toEqual({ emailDigest: true });
    req.flush({ ...me, emailDigest: true });
    await fixture.whenStable();
    expect(digest().checked).toBe(true);
    expect(TestBed.inject(AuthService).me()?.emailDigest).toBe(true);
  });

  it('rolls the digest switch back and shows an error toast when the save fails', async () => {
    await toggleDigest();
    expect(digest().checked).toBe(true);

    http
      .expectOne('/api/profiles/me')
      .flush(
        { statusCode: 500, message: 'Internal server error', error: 'Internal' },
        { status: 500, statusText: 'Error' },
      );
    await fixture.whenStable();

    expect(digest().checked).toBe(false);
    expect(TestBed.inject(AuthService).me()?.emailDigest).toBe(false);
    const errors = TestBed.inject(NoticeService)
      .notices()
      .filter((n) => n.kind === 'error');
    expect(errors.map((n) => n.text)).toEqual(['Could not save the email digest setting. Please try again.']);
  });

  it('switches the language at once and saves it on the account', async () => {
    const uk = fixture.nativeElement.querySelector(
      '[data-testid="settings-language"] input[value="uk"]',
    ) as HTMLInputElement;
    uk.click();
    await fixture.whenStable();
    expect(TestBed.inject(I18nService).lang()).toBe('uk');

    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/profiles/me');
    expect(req.request.body).toEqual({ language: 'uk' });
    req.flush({ ...me, language: 'uk' });
  });
});
