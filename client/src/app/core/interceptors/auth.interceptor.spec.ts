import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Me } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { AuthService, SESSION_STORAGE_KEY } from '../auth/auth.service';
import { authInterceptor } from './auth.interceptor';

const me = { id: 'u1', displayName: 'Ada', email: 'ada@example.com' } as Me;

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'old-access', refreshToken: 'r1', user: me }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to API calls', async () => {
    const result = firstValueFrom(http.get('/api/chats'));
    const req = backend.expectOne('/api/chats');
    expect(req.request.headers.get('Authorization')).toBe('Bearer old-access');
    req.flush({ items: [], nextCursor: null });
    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('sends no token to public auth routes and never refreshes for them', async () => {
    const result = firstValueFrom(http.post('/api/auth/login', { email: 'a', password: 'b' }));
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(
      { statusCode: 401, message: 'Wrong', error: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
  });

  it('on a 401 refreshes once, stores the new pair and retries with the new token', async () => {
    const result = firstValueFrom(http.get('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });

    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'r1' });
    refresh.flush({ accessToken: 'new-access', refreshToken: 'r2' });

    const retry = backend.expectOne('/api/auth/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-access');
    retry.flush(me);

    await expect(result).resolves.toEqual(me);
    expect(auth.accessToken()).toBe('new-access');
    expect(auth.refreshToken).toBe('r2');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject({ refreshToken: 'r2' });
  });

  it('concurrent 401s share one refresh request', async () => {
    const results = Promise.all([
      firstValueFrom(http.get('/api/chats')),
      firstValueFrom(http.get('/api/notifications')),
      firstValueFrom(http.get('/api/posts')),
    ]);
    for (const url of ['/api/chats', '/api/notifications', '/api/posts']) {
      backend.expectOne(url).flush(null, { status: 401, statusText: 'Unauthorized' });
    }

    const refreshes = backend.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush({ accessToken: 'new-access', refreshToken: 'r2' });

    for (const url of ['/api/chats', '/api/notifications', '/api/posts']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer new-access');
      retry.flush({ url });
    }
    await expect(results).resolves.toEqual([
      { url: '/api/chats' },
      { url: '/api/notifications' },
      { url: '/api/posts' },
    ]);
  });

  it('a failed refresh clears the session and sends the user to /login', async () => {
    const result = firstValueFrom(http.get('/api/chats'));
    backend.expectOne('/api/chats').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/auth/refresh')
      .flush(
        { statusCode: 401, message: 'Session revoked', error: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.me()).toBeNull();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not refresh on other errors such as 403', async () => {
    const result = firstValueFrom(http.post('/api/auth/password/change', {}));
    backend.expectOne('/api/auth/password/change').flush(null, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    backend.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(true);
  });
});
