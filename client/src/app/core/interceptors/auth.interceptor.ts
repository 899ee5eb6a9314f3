import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';

import { AuthService, isPublicAuthUrl } from '../auth/auth.service';

function withToken(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || /^https?:\/\/[^/]+\/api\//.test(url);
}

/**
 * Adds the bearer token to API calls. On a 401 from a protected route it refreshes the token once
 * (parallel 401s share that one refresh), retries, and if the refresh fails ends the session and
 * sends the user to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url) || isPublicAuthUrl(req.url)) return next(req);

  const auth = inject(AuthService);
  const sentToken = auth.accessToken();

  return next(withToken(req, sentToken)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401 || !sentToken) {
        return throwError(() => err);
      }
      // Another request already refreshed while this one was in flight: just retry with the new token.
      const current = auth.accessToken();
      if (current && current !== sentToken) return next(withToken(req, current));
      if (!auth.refreshToken) return throwError(() => err);

      return auth.refresh().pipe(
        catchError((refreshErr: unknown) => {
          auth.expireSession();
          return throwError(() => refreshErr);
        }),
        switchMap((token) => next(withToken(req, token))),
      );
    }),
  );
};
