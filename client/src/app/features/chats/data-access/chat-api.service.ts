import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateGroupRequest, Message, Page, Profile, Room, UpdateRoomRequest } from '@world-it/contracts';
import type { Observable } from 'rxjs';

export const ROOMS_PAGE_SIZE = 20;
export const MESSAGES_PAGE_SIZE = 30;

function pageParams(query: Record<string, string | number | null | undefined>): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** The chat REST endpoints of the contract, one method each; no state lives here. */
@Injectable({ providedIn: 'root' })
export class ChatApiService {
  private readonly http = inject(HttpClient);

  myRooms(cursor: string | null = null, limit = ROOMS_PAGE_SIZE): Observable<Page<Room>> {
    return this.http.get<Page<Room>>('/api/chats', { params: pageParams({ limit, cursor }) });
  }

  publicRooms(search: string, cursor: string | null = null, limit = ROOMS_PAGE_SIZE): Observable<Page<Room>> {
    return this.http.get<Page<Room>>('/api/chats/public', {
      params: pageParams({ search: search.trim(), limit, cursor }),
    });
  }

  room(roomId: string): Observable<Room> {
    return this.http.get<Room>(`/api/chats/${encodeURIComponent(roomId)}`);
  }

  openDirect(userId: string): Observable<Room> {
    return this.http.post<Room>('/api/chats/direct', { userId });
  }

  createGroup(body: CreateGroupRequest): Observable<Room> {
    return this.http.post<Room>('/api/chats/groups', body);
  }

  updateRoom(roomId: string, body: UpdateRoomRequest): Observable<Room> {
    return this.http.patch<Room>(`/api/chats/${encodeURIComponent(roomId)}`, body);
  }

  deleteRoom(roomId: string): Observable<void> {
    return this.http.delete<void>(`/api/chats/${encodeURIComponent(roomId)}`);
  }

  join(roomId: string): Observable<Room> {
    return this.http.post<Room>(`/api/chats/${encodeURIComponent(roomId)}/join`, {});
  }

  addMember(roomId: string, userId: string): Observable<Room> {
    return this.http.post<Room>(`/api/chats/${encodeURIComponent(roomId)}/members`, { userId });
  }

  /** Removes a member; with my own id it is "leave". */
  removeMember(roomId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`/api/chats/${encodeURIComponent(roomId)}/members/${encodeURIComponent(userId)}`);
  }

  messages(roomId: string, cursor: string | null = null, limit = MESSAGES_PAGE_SIZE): Observable<Page<Message>> {
    return this.http.get<Page<Message>>(`/api/chats/${encodeURIComponent(roomId)}/messages`, {
      params: pageParams({ limit, cursor }),
    });
  }

  /** People search for the member pickers (GET /api/profiles?search=). */
  searchPeople(search: string, limit = 10): Observable<Page<Profile>> {
    return this.http.get<Page<Profile>>('/api/profiles', { params: pageParams({ search: search.trim(), limit }) });
  }
}
