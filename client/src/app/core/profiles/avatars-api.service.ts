import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AvatarImage, Me, SetAvatarRequest } from '@world-it/contracts';
import { type Observable, switchMap, tap } from 'rxjs';

import { AuthService } from '../auth/auth.service';

/**
 * My avatar history (contract "Profiles and uploads"). Every change updates the session's `Me` at
 * once, so the header and every page showing my picture follow without a reload.
 */
@Injectable({ providedIn: 'root' })
export class AvatarsApiService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  history(): Observable<AvatarImage[]> {
    return this.http.get<AvatarImage[]>('/api/profiles/me/avatars');
  }

  /** An uploaded image becomes my active avatar (earlier ones stay in the history). */
  set(imageId: string): Observable<Me> {
    const body: SetAvatarRequest = { imageId };
    return this.http.post<Me>('/api/profiles/me/avatar', body).pipe(tap((me) => this.auth.setUser(me)));
  }

  activate(imageId: string): Observable<Me> {
    return this.http
      .put<Me>(`/api/profiles/me/avatars/${encodeURIComponent(imageId)}/active`, {})
      .pipe(tap((me) => this.auth.setUser(me)));
  }

  /**
   * Removes one from the history (204). If it was the active one the server picks the newest left
   * (or none), so my `Me` is read again to learn which.
   */
  remove(imageId: string): Observable<Me | null> {
    return this.http
      .delete<void>(`/api/profiles/me/avatars/${encodeURIComponent(imageId)}`)
      .pipe(switchMap(() => this.auth.loadMe()));
  }
}
