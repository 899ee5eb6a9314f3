import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type AvatarImage, type Me, UPLOAD_MAX_BYTES } from '@world-it/contracts';

import { AuthService, SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { makeMe } from '../../../features/people/testing/profiles';
import { AvatarEditorComponent } from './avatar-editor.component';

const avatar = (id: string, active = false): AvatarImage => ({
  id,
  url: `/media/images/${id}.webp`,
  thumbUrl: `/media/images/${id}_thumb.webp`,
  width: 10,
  height: 10,
  active,
});

describe('AvatarEditorComponent', () => {
  let fixture: ComponentFixture<AvatarEditorComponent>;
  let http: HttpTestingController;
  let auth: AuthService;
  let me: Me;
  let el: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    me = makeMe({ avatarUrl: '/media/images/b_thumb.webp' });
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: me }));
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    fixture = TestBed.createComponent(AvatarEditorComponent);
    el = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne('/api/profiles/me/avatars').flush([avatar('b', true), avatar('a')]);
    await fixture.whenStable();
  });
  afterEach(() => http.verify());

  const items = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="avatar-item"]'));

  function pickFile(file: File): void {
    const input = el.querySelector<HTMLInputElement>('[data-testid="avatar-drop-input"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  it('shows my history with the active picture marked', () => {
    expect(items().map((i) => [i.dataset['imageId'], i.dataset['active']])).toEqual([
      ['b', 'true'],
      ['a', 'false'],
    ]);
    expect(items()[0].querySelector('[aria-pressed="true"]')?.textContent).toContain('Current');
  });

  it('re-picks an earlier picture: PUT …/active, and the session (header) follows at once', async () => {
    items()[1].querySelector<HTMLButtonElement>('[data-testid="avatar-use"]')!.click();
    const req = http.expectOne('/api/profiles/me/avatars/a/active');
    expect(req.request.method).toBe('PUT');
    req.flush({ ...me, avatarUrl: '/media/images/a_thumb.webp' });
    await fixture.whenStable();
    expect(auth.me()?.avatarUrl).toBe('/media/images/a_thumb.webp');
    expect(items().map((i) => i.dataset['active'])).toEqual(['false', 'true']);
  });

  it('deletes only after the confirm, then reads Me again (the server may have picked another)', async () => {
    items()[0].querySelector<HTMLButtonElement>('[data-testid="avatar-delete"]')!.click();
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'DELETE');
    el.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    http
      .expectOne((r) => r.method === 'DELETE' && r.url === '/api/profiles/me/avatars/b')
      .flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne('/api/auth/me').flush({ ...me, avatarUrl: '/media/images/a_thumb.webp' });
    http.expectOne('/api/profiles/me/avatars').flush([avatar('a', true)]);
    await fixture.whenStable();
    expect(auth.me()?.avatarUrl).toBe('/media/images/a_thumb.webp');
    expect(items().map((i) => i.dataset['imageId'])).toEqual(['a']);
  });

  it('says at once when a file is not a picture or is too big, and sends nothing', async () => {
    pickFile(new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="avatar-error"]')?.textContent).toContain('JPEG, PNG, WebP or GIF');

    const big = new File([new Uint8Array(1)], 'big.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: UPLOAD_MAX_BYTES + 1 });
    pickFile(big);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="avatar-error"]')?.textContent).toContain('larger than 10 MB');
    http.expectNone('/api/uploads');
  });
});
