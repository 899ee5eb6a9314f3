import { HttpClient } from '@angular/common/http';
import { computed, DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Message, type Page, PAGE_LIMIT_MAX, type ReadEvent, type Room } from '@world-it/contracts';
import { EMPTY, expand, filter, type Observable, reduce, Subject, type Subscription } from 'rxjs';

import { AuthService } from '../auth/auth.service';
import { SocketService } from '../socket/socket.service';

function isMessage(value: unknown): value is Message {
  const m = value as Partial<Message> | null;
  return typeof m?.roomId === 'string' && typeof m.id === 'string' && typeof m.author?.id === 'string';
}

function isRoom(value: unknown): value is Room {
  const r = value as Partial<Room> | null;
  return typeof r?.id === 'string' && typeof r.unreadCount === 'number';
}

function hasRoomId(value: unknown): value is { roomId: string } {
  return typeof (value as { roomId?: unknown } | null)?.roomId === 'string';
}

/**
 * How many messages I have not read, per room and in all: the one place the client keeps that rule.
 * The header's Chats badge, the tab title and the messenger's room list all read it. The counts come
 * from the server's room list (every page, `unreadCount` per room) each time the socket connects, so
 * a reload or a reconnect starts from the server's truth; socket events keep them live in between.
 * My own `read` reaches every socket of mine, so reading in another tab clears the count here too.
 * The list it reads is the whole of my rooms as the server has them once the socket is up, so the
 * messenger's room list refreshes from it (`roomsLoaded$`) rather than asking the server again.
 */
@Injectable({ providedIn: 'root' })
export class UnreadStore {
  private readonly http = inject(HttpClient);
  private readonly socket = inject(SocketService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly counts = signal<ReadonlyMap<string, number>>(new Map());
  /** Group rooms a message came for that are not in my list: public rooms I only watch. */
  private readonly foreign = new Set<string>();
  private readonly fetching = new Set<string>();
  private loadSub: Subscription | null = null;
  private loaded = false;
  private readonly fresh = new Subject<readonly Room[]>();

  /** Unread messages in all my rooms. */
  readonly total = computed(() => {
    let sum = 0;
    for (const n of this.counts().values()) sum += n;
    return sum;
  });
  /** The room open on screen: its new messages are read as they arrive, so they never count. */
  readonly activeRoomId = signal<string | null>(null);
  /**
   * Every room of mine, in the server's list order (latest activity first), each time they were read
   * after the socket connected: nothing a socket event would have brought is missing from it.
   */
  readonly roomsLoaded$: Observable<readonly Room[]> = this.fresh.asObservable();

  constructor() {
    // Signing out or in as someone else starts over (the socket reconnects and the list reloads).
    const account = computed(() => (this.auth.isSignedIn() ? (this.auth.me()?.id ?? 'pending') : null));
    let previous = untracked(account);
    effect(() => {
      const current = account();
      untracked(() => {
        if (current !== previous) this.reset();
        previous = current;
      });
    });

    this.socket.connectionState$
      .pipe(
        filter((s) => s === 'connected'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load());
    this.socket
      .on('message:new')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((m) => isMessage(m) && this.onMessage(m));
    this.socket
      .on('read')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => hasRoomId(e) && this.onRead(e));
    this.socket
      .on('room:added')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((r) => isRoom(r) && this.set(r.id, r.unreadCount));
    this.socket
      .on('room:removed')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => hasRoomId(e) && this.drop(e.roomId));

    this.destroyRef.onDestroy(() => {
      this.loadSub?.unsubscribe();
      this.fresh.complete();
    });
  }

  /** My unread count for a room, or undefined while the room is not known here. */
  countFor(roomId: string): number | undefined {
    return this.counts().get(roomId);
  }

  /** I read the room here: clear it right away (the server confirms with `read` to all my tabs). */
  markRead(roomId: string): void {
    if (this.counts().get(roomId)) this.set(roomId, 0);
  }

  /** A public room read without membership (the room view): its messages are not mine to count. */
  setWatched(roomId: string, watched: boolean): void {
    if (watched && !this.counts().has(roomId)) this.foreign.add(roomId);
  }

  private get myId(): string | null {
    return this.auth.me()?.id ?? null;
  }

  private reset(): void {
    this.loadSub?.unsubscribe();
    this.loadSub = null;
    this.loaded = false;
    this.foreign.clear();
    this.fetching.clear();
    this.counts.set(new Map());
    if (this.auth.isSignedIn() && this.socket.connected) this.load();
  }

  /** Every page of my rooms (most users have one page of the largest size). */
  private load(): void {
    if (!this.auth.isSignedIn()) return;
    this.loadSub?.unsubscribe();
    const page = (cursor?: string): Observable<Page<Room>> =>
      this.http.get<Page<Room>>('/api/chats', {
        params: cursor ? { limit: PAGE_LIMIT_MAX, cursor } : { limit: PAGE_LIMIT_MAX },
      });
    this.loadSub = page()
      .pipe(
        expand((p) => (p.nextCursor ? page(p.nextCursor) : EMPTY)),
        reduce((rooms, p) => [...rooms, ...p.items], [] as Room[]),
      )
      .subscribe({
        next: (rooms) => {
          this.foreign.clear();
          this.counts.set(new Map(rooms.map((r) => [r.id, r.id === this.activeRoomId() ? 0 : r.unreadCount])));
          this.loaded = true;
          this.fresh.next(rooms);
        },
        // Keep what is shown; the next reconnect tries again.
        error: () => undefined,
      });
  }

  private onMessage(message: Message): void {
    const { roomId } = message;
    if (message.author.id === this.myId || this.activeRoomId() === roomId) return;
    const current = this.counts().get(roomId);
    if (current !== undefined) {
      this.set(roomId, current + 1);
      return;
    }
    // Before the list arrives it will count this message itself.
    if (this.loaded && !this.foreign.has(roomId)) this.fetchUnknown(roomId);
  }

  private onRead(event: ReadEvent): void {
    if (event.userId === this.myId && this.counts().has(event.roomId)) this.set(event.roomId, 0);
  }

  /**
   * A message for a room not in my list: a direct room's first message (the list leaves out empty
   * direct rooms), or a public group I only watch (my groups are all in the list or came by room:added).
   */
  private fetchUnknown(roomId: string): void {
    if (this.fetching.has(roomId)) return;
    this.fetching.add(roomId);
    this.http
      .get<Room>(`/api/chats/${encodeURIComponent(roomId)}`)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (room) => {
          this.fetching.delete(roomId);
          if (room.kind !== 'direct') this.foreign.add(roomId);
          else if (!this.counts().has(roomId)) this.set(roomId, room.unreadCount);
        },
        error: () => this.fetching.delete(roomId),
      });
  }

  private set(roomId: string, count: number): void {
    this.foreign.delete(roomId);
    if (this.counts().get(roomId) === count) return;
    this.counts.update((map) => new Map(map).set(roomId, count));
  }

  private drop(roomId: string): void {
    if (!this.counts().has(roomId)) return;
    this.counts.update((map) => {
      const next = new Map(map);
      next.delete(roomId);
      return next;
    });
  }
}
