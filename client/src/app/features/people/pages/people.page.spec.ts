import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, Profile } from '@world-it/contracts';

import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { makeMe, makeProfile } from '../testing/profiles';
import { PeoplePage, SEARCH_DEBOUNCE_MS } from './people.page';

describe('PeoplePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let router: Router;
  const me = makeMe({ id: 'me', displayName: 'Ada Lovelace' });

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: me }));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'people', component: PeoplePage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const el = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const all = (selector: string): HTMLElement[] => Array.from(el().querySelectorAll<HTMLElement>(selector));
  const cards = (): HTMLElement[] => all('[data-testid="person-card"]');

  function expectList(check: (params: URLSearchParams) => boolean = () => true): TestRequest {
    return http.expectOne(
      (r) => r.method === 'GET' && r.url === '/api/profiles' && check(new URLSearchParams(r.params.toString())),
    );
  }

  async function flush(req: TestRequest, items: Profile[], nextCursor: string | null = null): Promise<void> {
    req.flush({ items, nextCursor } satisfies Page<Profile>);
    await harness.fixture.whenStable();
  }

  async function type(text: string): Promise<void> {
    const box = el().querySelector<HTMLInputElement>('[data-testid="people-search"]')!;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    await harness.fixture.whenStable();
  }

  it('searches for the ?search= of the URL and renders each person with a link and a Message button', async () => {
    await harness.navigateByUrl('/people?search=ann');
    const req = expectList((p) => p.get('search') === 'ann' && p.get('limit') === '24' && !p.has('cursor'));
    await flush(req, [
      makeProfile({
        id: 'u1',
        displayName: 'Anna K',
        firstName: 'Anna',
        lastName: 'Koval',
        about: 'Rust & Go',
        online: true,
      }),
      makeProfile({ id: 'me', displayName: 'Ada Lovelace' }),
    ]);

    expect(el().querySelector<HTMLInputElement>('[data-testid="people-search"]')!.value).toBe('ann');
    expect(cards().map((c) => c.getAttribute('data-user-id'))).toEqual(['u1', 'me']);
    const [anna, mine] = cards();
    expect(anna.textContent).toContain('Anna K');
    expect(anna.textContent).toContain('Anna Koval');
    expect(anna.textContent).toContain('Rust & Go');
    expect(anna.querySelector('[data-testid="online-dot"]')).not.toBeNull();
    expect(anna.querySelector('a')!.getAttribute('href')).toBe('/people/u1');
    expect(anna.querySelector('[data-testid="person-message"]')).not.toBeNull();
    // No "Message" on my own card.
    expect(mine.querySelector('[data-testid="person-message"]')).toBeNull();
  });

  it('debounces typing into one request and keeps the search in the URL', async () => {
    await harness.navigateByUrl('/people');
    await flush(
      expectList((p) => !p.has('search')),
      [makeProfile({ id: 'u1' })],
    );

    await type('  grace ');
    expect(router.url).toBe('/people?search=grace');
    const req = expectList((p) => p.get('search') === 'grace');
    await flush(req, [makeProfile({ id: 'u2', displayName: 'Grace Hopper' })]);
    expect(cards().map((c) => c.getAttribute('data-user-id'))).toEqual(['u2']);
  });

  it('says when no one matches, and loads more by cursor', async () => {
    await harness.navigateByUrl('/people?search=zzz');
    await flush(
      expectList((p) => p.get('search') === 'zzz'),
      [],
    );
    expect(el().querySelector('[data-testid="people-empty"]')!.textContent).toContain('No one matches “zzz”');
    expect(el().querySelector('[data-testid="people-load-more"]')).toBeNull();

    await harness.navigateByUrl('/people');
    await flush(
      expectList((p) => !p.has('search')),
      [makeProfile({ id: 'a' })],
      'c1',
    );
    el().querySelector<HTMLButtonElement>('[data-testid="people-load-more"]')!.click();
    await flush(
      expectList((p) => p.get('cursor') === 'c1'),
      [makeProfile({ id: 'a' }), makeProfile({ id: 'b' })],
    );
    expect(cards().map((c) => c.getAttribute('data-user-id'))).toEqual(['a', 'b']);
    expect(el().querySelector('[data-testid="people-load-more"]')).toBeNull();
  });

  it('shows an error with a retry that asks again', async () => {
    await harness.navigateByUrl('/people');
    expectList().flush({ statusCode: 500, message: 'Boom', error: 'Internal' }, { status: 500, statusText: 'Error' });
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid="people-error"]')).not.toBeNull();

    el().querySelector<HTMLButtonElement>('[data-testid="people-retry"]')!.click();
    await harness.fixture.whenStable();
    await flush(expectList(), [makeProfile({ id: 'u9' })]);
    expect(el().querySelector('[data-testid="people-error"]')).toBeNull();
    expect(cards()).toHaveLength(1);
  });
});
