import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Me, Page, Profile, UpdateProfileRequest } from '@world-it/contracts';
import { type Observable, tap } from 'rxjs';

import { AuthService } from '../auth/auth.service';

export const PEOPLE_PAGE_SIZE = 24;

export interface PeopleQuery {
  search?: string;
  cursor?: string | null;
  limit?: number;
}

/** The profile endpoints of the contract. Edits of my own profile update the session's user at once. */
@Injectable({ providedIn: 'root' })
export class ProfilesApiService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  list(query: PeopleQuery = {}): Observable<Page<Profile>> {
    let params = new HttpParams().set('limit', String(query.limit ?? PEOPLE_PAGE_SIZE));
    const search = query.search?.trim();
    if (search) params = params.set('search', search);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<Page<Profile>>('/api/profiles', { params });
  }

  get(id: string): Observable<Profile> {
    return this.http.get<Profile>(`/api/profiles/${encodeURIComponent(id)}`);
  }

  updateMe(patch: UpdateProfileRequest): Observable<Me> {
    return this.http.patch<Me>('/api/profiles/me', patch).pipe(tap((me) => this.auth.setUser(me)));
  }
}
