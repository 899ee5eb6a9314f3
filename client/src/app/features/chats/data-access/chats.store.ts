import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Message, type PresenceEvent, type Room, TYPING_TTL_MS, type TypingEvent } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { genericErrorMessage, type UiMessage } from '../../../core/i18n/ui-message';
import { SocketService } from '../../../core/socket/socket.service';
import { UnreadStore } from '../../../core/unread/unread.store';
import { ChatApiService } from './chat-api.service';
import { hasRoomId, isMessage, isRoom } from './socket-guards';

export interface TypingUser {
  id: string;
  name: string;
}

/**
 * My room list: REST pages (most recent activity first) kept current by socket events. Provided
 * by the chats shell page, so its socket subscriptions live exactly as long as the messenger is open.
 */
@Injectable()
export class ChatsStore {
  private readonly api = inject(ChatApiService);
  private readonly socket = inject(SocketService);
  private readonly auth = inject(AuthService);
  private readonly unread = inject(UnreadStore);
  private readonly destroyRef = inject(DestroyRef);

  private readonly list = signal<readonly Room[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly state = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');
  private readonly moreLoading = signal(false);
  private readonly typingByRoom = signal<Readonly<Record<string, readonly TypingUser[]>>>({});
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Public rooms the room view reads without membership: their messages are not "mine". */
  private readonly watched = new Set<string>();
  /** Rooms fetched because a message arrived for a room not yet in the loaded pages. */
  private readonly fetching = new Set<string>();
  private loadSub: Subscription | null = null;
  private pagesLoaded = 0;
  /** All my rooms read after a connect while the first page was still on its way. */
  private freshWhileLoading: readonly Room[] | null = null;

  /** The rooms with my unread counts as UnreadStore keeps them (it owns what counts as unread). */
  readonly rooms = computed(() =>
    this.list().map((room) => {
      const unreadCount = this.unread.countFor(room.id) ?? room.unreadCount;
      return unreadCount === room.unreadCount ? room : { ...room, unreadCount };
    }),
  );
  readonly loading = computed(() => this.state() === 'loading');
  readonly loaded = computed(() => this.state() === 'loaded');
  readonly loadingMore = this.moreLoading.asReadonly();
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly error = signal<UiMessage | null>(null);
  /** The room open in the room view; its new messages do not count as unread. */
  readonly activeRoomId = this.unread.activeRoomId;
  /** Unread messages in all my rooms: the same number as the Chats badge in the header. */
  readonly totalUnread = this.unread.total;
  /** Who is typing per room, for the list preview. */
  readonly typing = this.typingByRoom.asReadonly();

  constructor() {
    this.socket
      .on('message:new')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((m) => isMessage(m) && this.onMessage(m));
    this.socket
      .on('message:updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((m) => isMessage(m) && this.onMessageUpdated(m));
    this.socket
      .on('room:added')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((r) => isRoom(r) && this.upsert(r, true));
    this.socket
      .on('room:updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((r) => isRoom(r) && this.onRoomUpdated(r));
    this.socket
      .on('room:removed')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => hasRoomId(e) && this.remove(e.roomId));
    this.socket
      .on('presence')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => this.onPresence(e));
    this.socket
      .on('typing')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => hasRoomId(e) && this.onTyping(e));

    // Events missed before the socket was up (at start, the first page is read before it connects;
    // later, while it was away): UnreadStore reads all my rooms each time it connects, and the list
    // takes them from there rather than asking the server for the same rooms again.
    this.unread.roomsLoaded$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((rooms) => this.refresh(rooms));

    this.destroyRef.onDestroy(() => {
      this.loadSub?.unsubscribe();
      for (const timer of this.typingTimers.values()) clearTimeout(timer);
    });
  }

  private get myId(): string | null {
    return this.auth.me()?.id ?? null;
  }

  /** Loads the first page; `quiet` keeps the current list on screen while refreshing. */
  load(quiet = false): void {
    this.loadSub?.unsubscribe();
    this.freshWhileLoading = null;
    if (!quiet) this.state.set('loading');
    this.error.set(null);
    this.loadSub = this.api.myRooms().subscribe({
      next: (page) => {
        // After "load more", a quiet refresh keeps the later pages (the first page is fresh).
        const fresh = new Set(page.items.map((r) => r.id));
        const keepTail = quiet && this.pagesLoaded > 1;
        const tail = keepTail ? this.list().filter((r) => !fresh.has(r.id)) : [];
        this.list.set([...page.items, ...tail]);
        if (!keepTail) {
          this.cursor.set(page.nextCursor);
          this.pagesLoaded = 1;
        }
        this.state.set('loaded');
        const meanwhile = this.freshWhileLoading;
        this.freshWhileLoading = null;
        if (meanwhile) this.refresh(meanwhile);
      },
      error: (err: unknown) => {
        if (quiet) return;
        this.error.set(genericErrorMessage(err));
        this.state.set('error');
      },
    });
  }

  /**
   * Takes the rooms as the server has them now (`all`: every room of mine, in list order) for what
   * the list shows: the rooms loaded so far and any that moved or came above them. The cursor stays:
   * rooms only ever move up, and "load more" skips rooms already shown.
   */
  private refresh(all: readonly Room[]): void {
    if (this.state() === 'loading') {
      this.freshWhileLoading = all;
      return;
    }
    if (this.state() !== 'loaded') return;
    if (this.cursor() === null) {
      this.list.set(all);
      return;
    }
    const position = new Map(all.map((room, index) => [room.id, index]));
    const current = this.list();
    let last = -1;
    for (const room of current) last = Math.max(last, position.get(room.id) ?? -1);
    this.list.set(all.slice(0, Math.max(last + 1, Math.min(all.length, current.length))));
  }

  loadMore(): void {
    const cursor = this.cursor();
    if (!cursor || this.moreLoading() || this.state() !== 'loaded') return;
    this.moreLoading.set(true);
    this.api
      .myRooms(cursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const known = new Set(this.list().map((r) => r.id));
          this.list.update((rooms) => [...rooms, ...page.items.filter((r) => !known.has(r.id))]);
          this.cursor.set(page.nextCursor);
          this.pagesLoaded++;
          this.moreLoading.set(false);
        },
        error: () => this.moreLoading.set(false),
      });
  }

  room(roomId: string): Room | null {
    return this.rooms().find((r) => r.id === roomId) ?? null;
  }

  has(roomId: string): boolean {
    return this.list().some((r) => r.id === roomId);
  }

  /** Adds or replaces a room; `toTop` moves it to the head of the list. */
  upsert(room: Room, toTop = false): void {
    this.watched.delete(room.id);
    this.list.update((rooms) => {
      const index = rooms.findIndex((r) => r.id === room.id);
      if (index === -1) return [room, ...rooms];
      if (!toTop) return rooms.map((r, i) => (i === index ? room : r));
      return [room, ...rooms.filter((_, i) => i !== index)];
    });
  }

  remove(roomId: string): void {
    this.list.update((rooms) => rooms.filter((r) => r.id !== roomId));
  }

  /** Clears the unread badge right away when I read a room (the server confirms with `read`). */
  markReadLocal(roomId: string): void {
    this.unread.markRead(roomId);
  }

  /** The room view reads this public room without being a member. */
  setWatched(roomId: string, watched: boolean): void {
    if (watched) this.watched.add(roomId);
    else this.watched.delete(roomId);
    this.unread.setWatched(roomId, watched);
  }

  private patch(roomId: string, fn: (room: Room) => Room): void {
    this.list.update((rooms) => {
      let changed = false;
      const next = rooms.map((r) => {
        if (r.id !== roomId) return r;
        const updated = fn(r);
        changed ||= updated !== r;
        return updated;
      });
      return changed ? next : rooms;
    });
  }

  private onMessage(message: Message): void {
    this.clearTyping(message.roomId, message.author.id);
    const room = this.room(message.roomId);
    if (!room) {
      // Before the first page arrives the room may well be in it; after, it is on a later page.
      if (this.state() === 'loaded' && !this.watched.has(message.roomId)) this.fetchMissing(message.roomId);
      return;
    }
    // UnreadStore counts it (or not: mine, or the open room).
    this.upsert({ ...room, lastMessage: message }, true);
  }

  private onMessageUpdated(message: Message): void {
    this.patch(message.roomId, (r) => (r.lastMessage?.id === message.id ? { ...r, lastMessage: message } : r));
  }

  private onRoomUpdated(room: Room): void {
    const current = this.room(room.id);
    if (!current) {
      if (!this.watched.has(room.id)) this.upsert(room, true);
      return;
    }
    // The broadcast is the same for every member: keep my own unread count and the newest preview.
    const newer =
      current.lastMessage && (!room.lastMessage || room.lastMessage.createdAt < current.lastMessage.createdAt)
        ? current.lastMessage
        : room.lastMessage;
    this.upsert({ ...room, unreadCount: current.unreadCount, lastMessage: newer });
  }

  private onPresence(event: PresenceEvent): void {
    if (!event || typeof event.userId !== 'string') return;
    this.list.update((rooms) =>
      rooms.map((r) =>
        r.members.some((m) => m.id === event.userId && m.online !== event.online)
          ? { ...r, members: r.members.map((m) => (m.id === event.userId ? { ...m, online: event.online } : m)) }
          : r,
      ),
    );
  }

  private onTyping(event: TypingEvent): void {
    const user = event.user;
    if (!user || typeof user.id !== 'string' || user.id === this.myId) return;
    this.clearTyping(event.roomId, user.id);
    if (!event.isTyping) return;
    this.typingByRoom.update((map) => ({
      ...map,
      [event.roomId]: [...(map[event.roomId] ?? []), { id: user.id, name: user.displayName }],
    }));
    // The server's typing state expires after TYPING_TTL_MS; so does ours if no "false" arrives.
    const key = `${event.roomId}|${user.id}`;
    this.typingTimers.set(
      key,
      setTimeout(() => this.clearTyping(event.roomId, user.id), TYPING_TTL_MS + 1000),
    );
  }

  private clearTyping(roomId: string, userId: string): void {
    const key = `${roomId}|${userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.delete(key);
    const current = this.typingByRoom()[roomId];
    if (!current?.some((u) => u.id === userId)) return;
    this.typingByRoom.update((map) => ({ ...map, [roomId]: current.filter((u) => u.id !== userId) }));
  }

  private fetchMissing(roomId: string): void {
    if (this.fetching.has(roomId)) return;
    this.fetching.add(roomId);
    this.api
      .room(roomId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (room) => {
          this.fetching.delete(roomId);
          if (!this.watched.has(roomId)) this.upsert(room, true);
        },
        error: () => this.fetching.delete(roomId),
      });
  }
}
