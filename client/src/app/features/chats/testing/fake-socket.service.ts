import type { Message, Room, ServerEventName, ServerEventPayload, UserSummary } from '@world-it/contracts';
import { BehaviorSubject, filter, map, merge, Observable, Subject } from 'rxjs';

import type { ConnectionState, RoomEvent, RoomEventName } from '../../../core/socket/socket.service';

const ROOM_EVENTS: readonly RoomEventName[] = ['message:new', 'message:updated', 'message:deleted', 'typing', 'read'];

/** A stand-in for SocketService: tests push server events and inspect what the client emitted. */
export class FakeSocketService {
  readonly state = new BehaviorSubject<ConnectionState>('connected');
  readonly connectionState$ = this.state.asObservable();
  private readonly subjects = new Map<string, Subject<unknown>>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  readonly watched: string[] = [];
  /** Answers for emitWithAck, by event; default `{ ok: true }`. */
  ackFor: (event: string, payload: unknown) => Promise<unknown> = () => Promise.resolve({ ok: true });
  readonly emitWithAck = jest.fn((event: string, payload: unknown) => {
    this.emitted.push({ event, payload });
    return this.ackFor(event, payload);
  });
  readonly emit = jest.fn((event: string, payload: unknown) => {
    this.emitted.push({ event, payload });
  });

  get connected(): boolean {
    return this.state.value === 'connected';
  }

  private subject(event: string): Subject<unknown> {
    let s = this.subjects.get(event);
    if (!s) {
      s = new Subject<unknown>();
      this.subjects.set(event, s);
    }
    return s;
  }

  on<E extends ServerEventName>(event: E): Observable<ServerEventPayload<E>> {
    return this.subject(event).asObservable() as Observable<ServerEventPayload<E>>;
  }

  roomMessages$(roomId: string): Observable<RoomEvent> {
    return merge(
      ...ROOM_EVENTS.map((type) => this.subject(type).pipe(map((payload) => ({ type, payload }) as RoomEvent))),
    ).pipe(filter((e) => e.payload.roomId === roomId));
  }

  watchRoom(roomId: string): Observable<RoomEvent> {
    this.watched.push(roomId);
    return this.roomMessages$(roomId);
  }

  /** Simulates the server sending an event. */
  server<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>): void {
    this.subject(event).next(payload);
  }

  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }
}

export const ada: UserSummary = { id: 'u1', displayName: 'Ada', avatarUrl: null, online: true };
export const anna: UserSummary = { id: 'u2', displayName: 'Anna', avatarUrl: null, online: false };

let seq = 0;
export function makeMessage(partial: Partial<Message> & { roomId: string }): Message {
  seq++;
  return {
    id: `m${seq}`,
    clientId: null,
    author: anna,
    content: `message ${seq}`,
    image: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    ...partial,
  };
}

export function makeRoom(partial: Partial<Room> & { id: string }): Room {
  return {
    kind: 'group',
    name: `Room ${partial.id}`,
    visibility: 'private',
    avatarUrl: null,
    adminId: null,
    members: [ada, anna],
    membersCount: 2,
    lastMessage: null,
    unreadCount: 0,
    readBy: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...partial,
  };
}
