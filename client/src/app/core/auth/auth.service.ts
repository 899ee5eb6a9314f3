import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  AuthResponse,
  ChangeEmailRequest,
  ChangePasswordRequest,
  LoginRequest,
  Me,
  RegisterRequest,
  RegisterResponse,
  ResetPasswordRequest,
  TokenPair,
} from '@world-it/contracts';
import { finalize, map, Observable, of, shareReplay, tap, catchError } from 'rxjs';

import { I18nService } from '../i18n/i18n.service';

export const SESSION_STORAGE_KEY = 'wit.session';

export interface StoredSession extends TokenPair {
  user: Me | null;
}

/** Auth endpoints that never carry a bearer token and never trigger a token refresh on 401. */
export const PUBLIC_AUTH_PATHS: readonly string[] = [
  '/api/auth/register',
  '/api/auth/confirm',
  '/api/auth/resend-code',
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/auth/password/forgot',
  '/api/auth/password/reset',
];

export function isPublicAuthUrl(url: string): boolean {
  const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  return PUBLIC_AUTH_PATHS.includes(path);
}

function readStoredSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, user: parsed.user ?? null };
  } catch {
    return null;
  }
}

/**
 * The session: tokens and the signed-in user, held in signals and mirrored to localStorage so a
 * reload keeps you signed in. Every auth endpoint of the contract has one method here.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);

  private readonly tokens = signal<TokenPair | null>(null);
  private readonly user = signal<Me | null>(null);
  private refreshInFlight: Observable<string> | null = null;

  /** The signed-in user (null while signed out or before /me answered on a fresh login). */
  readonly me = this.user.asReadonly();
  readonly accessToken = computed(() => this.tokens()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.tokens() !== null);

  constructor() {
    const stored = readStoredSession();
    if (stored) {
      this.tokens.set({ accessToken: stored.accessToken, refreshToken: stored.refreshToken });
      this.user.set(stored.user);
      this.i18n.adopt(stored.user?.language);
    }
    // Another tab that refreshed, logged in or out rewrites the shared session; follow it, or this
    // tab would later reuse a spent refresh token and revoke the whole session.
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key !== SESSION_STORAGE_KEY) return;
      const next = readStoredSession();
      this.tokens.set(next ? { accessToken: next.accessToken, refreshToken: next.refreshToken } : null);
      this.user.set(next?.user ?? null);
    });
  }

  get refreshToken(): string | null {
    return this.tokens()?.refreshToken ?? null;
  }

  /** Re-reads the user at app start so a stale cached `Me` is replaced; a dead session ends via the interceptor. */
  loadMe(): Observable<Me | null> {
    if (!this.isSignedIn()) return of(null);
    return this.http.get<Me>('/api/auth/me').pipe(
      tap((me) => {
        this.setUser(me);
        this.i18n.adopt(me.language);
      }),
      catchError(() => of(null)),
    );
  }

  register(body: Omit<RegisterRequest, 'language'>): Observable<RegisterResponse> {
    const request: RegisterRequest = { ...body, language: this.i18n.lang() };
    return this.http.post<RegisterResponse>('/api/auth/register', request);
  }

  confirm(email: string, code: string): Observable<Me> {
    return this.http
      .post<AuthResponse>('/api/auth/confirm', { email, code })
      .pipe(map((res) => this.startSession(res)));
  }

  resendCode(email: string): Observable<void> {
    return this.http.post<void>('/api/auth/resend-code', { email });
  }

  login(body: LoginRequest): Observable<Me> {
    return this.http.post<AuthResponse>('/api/auth/login', body).pipe(map((res) => this.startSession(res)));
  }

  /** Ends the session on the server (best effort) and always clears it here. */
  logout(): Observable<void> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) {
      this.clearSession();
      return of(undefined);
    }
    return this.http.post<void>('/api/auth/logout', { refreshToken }).pipe(
      catchError(() => of(undefined)),
      finalize(() => this.clearSession()),
    );
  }

  /**
   * Swaps the refresh token for a new pair and emits the new access token. Concurrent callers share
   * one request: each refresh token works once, so a second parallel refresh would revoke the session.
   */
  refresh(): Observable<string> {
    if (this.refreshInFlight) return this.refreshInFlight;
    const refreshToken = this.refreshToken;
    if (!refreshToken) throw new Error('No session to refresh');
    this.refreshInFlight = this.http.post<TokenPair>('/api/auth/refresh', { refreshToken }).pipe(
      map((pair) => {
        this.setTokens(pair);
        return pair.accessToken;
      }),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  forgotPassword(email: string): Observable<void> {
    return this.http.post<void>('/api/auth/password/forgot', { email });
  }

  resetPassword(body: ResetPasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password/reset', body);
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password/change', body);
  }

  changeEmail(body: ChangeEmailRequest): Observable<void> {
    return this.http.post<void>('/api/auth/email/change', body);
  }

  confirmEmailChange(code: string): Observable<Me> {
    return this.http.post<Me>('/api/auth/email/confirm', { code }).pipe(tap((me) => this.setUser(me)));
  }

  /** Updates the cached user after any endpoint that answers with `Me` (profile edits, avatars…). */
  setUser(me: Me): void {
    this.user.set(me);
    this.persist();
  }

  clearSession(): void {
    this.tokens.set(null);
    this.user.set(null);
    this.refreshInFlight = null;
    try {
      localStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // nothing stored, nothing to remove
    }
  }

  /** The session died (refresh refused): forget it and ask for a login that returns here. */
  expireSession(): void {
    this.clearSession();
    const url = this.router.url;
    const returnUrl = url && url !== '/' && !url.startsWith('/login') ? url : undefined;
    void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  }

  private startSession(res: AuthResponse): Me {
    this.tokens.set({ accessToken: res.accessToken, refreshToken: res.refreshToken });
    this.user.set(res.user);
    this.persist();
    // The account's language, unless one was picked on this device (see I18nService.adopt).
    this.i18n.adopt(res.user.language);
    return res.user;
  }

  private setTokens(pair: TokenPair): void {
    this.tokens.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    this.persist();
  }

  private persist(): void {
    const tokens = this.tokens();
    if (!tokens) return;
    const session: StoredSession = { ...tokens, user: this.user() };
    try {
      localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // storage full or blocked: the session still lives in memory for this tab
    }
  }
}
