import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  BecameFriendsResponse,
  FriendRequest,
  FriendRequestDirection,
  Page,
  SendFriendRequest,
  UserSummary,
} from '@world-it/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

export const FRIENDS_PAGE_SIZE = 20;
const MAX_LOOKUP_PAGES = 10;

function pageParams(cursor?: string | null, limit = FRIENDS_PAGE_SIZE): HttpParams {
  let params = new HttpParams().set('limit', String(limit));
  if (cursor) params = params.set('cursor', cursor);
  return params;
}

/**
 * The contract's friendship and block endpoints. In core, not in the Friends feature: the profile page,
 * settings (blocked people) and the notifications bell (accept inline) use them too.
 */
@Injectable({ providedIn: 'root' })
export class FriendsApiService {
  private readonly http = inject(HttpClient);

  friends(cursor?: string | null, limit?: number): Observable<Page<UserSummary>> {
    return this.http.get<Page<UserSummary>>('/api/friendships', { params: pageParams(cursor, limit) });
  }

  friendsOf(userId: string, cursor?: string | null, limit?: number): Observable<Page<UserSummary>> {
    return this.http.get<Page<UserSummary>>(`/api/profiles/${encodeURIComponent(userId)}/friends`, {
      params: pageParams(cursor, limit),
    });
  }

  requests(direction: FriendRequestDirection, cursor?: string | null, limit?: number): Observable<Page<FriendRequest>> {
    return this.http.get<Page<FriendRequest>>('/api/friendships/requests', {
      params: pageParams(cursor, limit).set('direction', direction),
    });
  }

  suggestions(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>('/api/friendships/suggestions');
  }

  /** A new request (201), or — when they had already asked me — `{ status: 'friends' }` (200). */
  sendRequest(userId: string): Observable<FriendRequest | BecameFriendsResponse> {
    const body: SendFriendRequest = { userId };
    return this.http.post<FriendRequest | BecameFriendsResponse>('/api/friendships/requests', body);
  }

  accept(requestId: string): Observable<BecameFriendsResponse> {
    return this.http.post<BecameFriendsResponse>(
      `/api/friendships/requests/${encodeURIComponent(requestId)}/accept`,
      {},
    );
  }

  decline(requestId: string): Observable<void> {
    return this.http.post<void>(`/api/friendships/requests/${encodeURIComponent(requestId)}/decline`, {});
  }

  cancel(requestId: string): Observable<void> {
    return this.http.delete<void>(`/api/friendships/requests/${encodeURIComponent(requestId)}`);
  }

  unfriend(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/friendships/${encodeURIComponent(userId)}`);
  }

  block(userId: string): Observable<void> {
    return this.http.post<void>(`/api/profiles/${encodeURIComponent(userId)}/block`, {});
  }

  unblock(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/profiles/${encodeURIComponent(userId)}/block`);
  }

  /**
   * My pending request to or from someone (the profile knows only that one exists), looked up page by
   * page; null when there is none (any more).
   */
  async findRequest(direction: FriendRequestDirection, userId: string): Promise<FriendRequest | null> {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
      const result: Page<FriendRequest> = await firstValueFrom(this.requests(direction, cursor, 100));
      const found = result.items.find((r) => (direction === 'incoming' ? r.from.id : r.to.id) === userId);
      if (found || !result.nextCursor) return found ?? null;
      cursor = result.nextCursor;
    }
    return null;
  }

  blocked(cursor?: string | null): Observable<Page<UserSummary>> {
    return this.http.get<Page<UserSummary>>('/api/profiles/me/blocked', { params: pageParams(cursor) });
  }
}

/** Whether a send answered "we are friends now" rather than with a pending request. */
export function becameFriends(result: FriendRequest | BecameFriendsResponse): result is BecameFriendsResponse {
  return 'status' in result && result.status === 'friends';
}
