import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Image, Message, ReadEvent, Room, SendMessagePayload, UserSummary } from '@world-it/contracts';
import { filter, pairwise, startWith, type Subscription } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { type RoomEvent, SocketService } from '../../../core/socket/socket.service';
import { ChatApiService } from './chat-api.service';
import { type ChatMessage, isLocalId, localMessageId } from './chat-models';
import { ChatsStore } from './chats.store';
import { directPeer } from './chat-format';
import { hasRoomId, isMessage, isRoom } from './socket-guards';

export type RoomLoadState = 'loading' | 'ready' | 'not-found' | 'error' | 'removed';

/** Sends `typing: true` at most this often while the user keeps typing. */
export const TYPING_THROTTLE_MS = 3000;
/** Without a keystroke for this long, typing stops by itself. */
export const TYPING_IDLE_MS = 5000;

interface Outgoing {
  payload: SendMessagePayload;
  attempt: number;
}

/** Where someone has read up to: a message and, when known, its createdAt. */
interface ReadPosition {
  messageId: string;
  at: string | null;
}

const NONE_SEEN: ReadonlySet<string> = new Set();

/** Inserts server messages in time order, before the local (pending/failed) ones that stay at the bottom. */
function placeServerMessage(list: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const sent = list.filter((m) => m.state === 'sent');
  const local = list.filter((m) => m.state !== 'sent');
  let index = sent.length;
  while (index > 0 && sent[index - 1].createdAt > message.createdAt) index--;
  sent.splice(index, 0, message);
  return [...sent, ...local];
}

/**
 * One open room: its history (REST pages, newest first, held oldest first), its live events from
 * the shared socket, and my outgoing messages with their delivery state. Provided by the room page.
 */
@Injectable()
export class RoomStore {
  private readonly api = inject(ChatApiService);
  private readonly socket = inject(SocketService);
  private readonly auth = inject(AuthService);
  private readonly chats = inject(ChatsStore, { optional: true });
  private readonly destroyRef = inject(DestroyRef);

  private readonly id = signal<string | null>(null);
  private readonly roomValue = signal<Room | null>(null);
  private readonly loadState = signal<RoomLoadState>('loading');
  private readonly list = signal<readonly ChatMessage[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly historyLoaded = signal(false);
  private readonly olderLoading = signal(false);
  private readonly memberValue = signal(false);
  /** The server refused a message here because one of us blocks the other. */
  private readonly blockedValue = signal(false);
  /** Read positions heard live since the room opened (the room's `readBy` holds the earlier ones). */
  private readonly liveReads = signal<Readonly<Record<string, ReadPosition>>>({});
  private readonly outbox = new Map<string, Outgoing>();
  private readonly objectUrls = new Set<string>();
  private subs: Subscription[] = [];
  private liveSub: Subscription | null = null;
  private lastReadSent: string | null = null;
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;

  readonly roomId = this.id.asReadonly();
  readonly room = this.roomValue.asReadonly();
  readonly state = this.loadState.asReadonly();
  readonly messages = this.list.asReadonly();
  readonly member = this.memberValue.asReadonly();
  readonly blocked = this.blockedValue.asReadonly();
  readonly loadingOlder = this.olderLoading.asReadonly();
  readonly historyReady = this.historyLoaded.asReadonly();
  readonly hasOlder = computed(() => this.cursor() !== null);
  readonly meSummary = computed<UserSummary | null>(() => {
    const me = this.auth.me();
    return me ? { id: me.id, displayName: me.displayName, avatarUrl: me.avatarUrl, online: true } : null;
  });
  readonly isAdmin = computed(() => {
    const room = this.roomValue();
    const me = this.auth.me();
    return !!room && !!me && (room.adminId === me.id || me.role === 'admin');
  });
  readonly peer = computed(() => {
    const room = this.roomValue();
    return room ? directPeer(room, this.auth.me()?.id ?? null) : null;
  });
  /**
   * My sent messages someone else has read: in a direct room the peer, in a group any other member.
   * A read position covers every message up to it. From the room's `readBy` (so it survives a reload)
   * and the `read` events and replies since; positions only move forward, so the furthest one counts.
   */
  readonly seenIds = computed<ReadonlySet<string>>(() => {
    const room = this.roomValue();
    const myId = this.auth.me()?.id;
    if (!room || !myId) return NONE_SEEN;
    const peerId = room.kind === 'direct' ? directPeer(room, myId)?.id : undefined;
    if (room.kind === 'direct' && !peerId) return NONE_SEEN;
    const reader = (userId: string): boolean => userId !== myId && (peerId === undefined || userId === peerId);
    const positions: ReadPosition[] = [
      ...(room.readBy ?? [])
        .filter((p) => reader(p.userId))
        .map((p) => ({ messageId: p.messageId, at: p.messageCreatedAt })),
      ...Object.entries(this.liveReads())
        .filter(([userId]) => reader(userId))
        .map(([, p]) => p),
    ];
    const sent = this.list().filter((m) => m.state === 'sent');
    // The last sent message each position reaches: the read message itself, or (not loaded here:
    // deleted, or outside the loaded pages) the newest one at or before its time.
    let upTo = -1;
    for (const p of positions) {
      let index = sent.findIndex((m) => m.id === p.messageId);
      if (index === -1 && p.at) {
        const at = p.at;
        index = sent.findLastIndex((m) => m.createdAt <= at);
      }
      upTo = Math.max(upTo, index);
    }
    if (upTo === -1) return NONE_SEEN;
    return new Set(
      sent
        .slice(0, upTo + 1)
        .filter((m) => m.author.id === myId)
        .map((m) => m.id),
    );
  });

  constructor() {
    this.socket
      .on('room:updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((r) => {
        if (isRoom(r) && r.id === this.id()) this.roomValue.set(r);
      });
    this.socket
      .on('room:added')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((r) => {
        if (isRoom(r) && r.id === this.id()) this.becomeMember(r);
      });
    this.socket
      .on('presence')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => {
        const room = this.roomValue();
        if (!room || !e || !room.members.some((m) => m.id === e.userId && m.online !== e.online)) return;
        this.roomValue.set({
          ...room,
          members: room.members.map((m) => (m.id === e.userId ? { ...m, online: e.online } : m)),
        });
      });
    this.socket
      .on('room:removed')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((e) => {
        if (hasRoomId(e) && e.roomId === this.id()) this.loadState.set('removed');
      });
    // After a reconnect: resend what is still pending (same clientId, so the server stores it once)
    // and catch up on what arrived meanwhile.
    this.socket.connectionState$
      .pipe(
        startWith(null),
        pairwise(),
        filter(([prev, next]) => prev !== null && prev !== 'connected' && next === 'connected'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.onReconnect());

    this.destroyRef.onDestroy(() => {
      this.teardown();
      for (const url of this.objectUrls) URL.revokeObjectURL(url);
    });
  }

  /** Opens a room (the page reuses one store when the route switches rooms). */
  open(roomId: string): void {
    if (this.id() === roomId) return;
    this.teardown();
    this.id.set(roomId);
    this.roomValue.set(this.chats?.room(roomId) ?? null);
    this.loadState.set('loading');
    this.list.set([]);
    this.cursor.set(null);
    this.historyLoaded.set(false);
    this.liveReads.set({});
    this.blockedValue.set(false);
    this.outbox.clear();
    this.lastReadSent = null;

    this.subs.push(
      this.api.room(roomId).subscribe({
        next: (room) => {
          this.roomValue.set(room);
          const myId = this.auth.me()?.id;
          const member =
            room.kind === 'direct' || !!this.chats?.has(room.id) || room.members.some((m) => m.id === myId);
          this.memberValue.set(member);
          this.chats?.setWatched(room.id, !member);
          // A room opened from elsewhere ("Message" on a profile) shows in the list at once.
          if (member && this.chats?.loaded() && !this.chats.has(room.id)) this.chats.upsert(room, true);
          this.loadState.set('ready');
          this.listen();
          this.loadOlder();
        },
        error: (err: unknown) => this.loadState.set(errorStatus(err) === 404 ? 'not-found' : 'error'),
      }),
    );
  }

  /** Loads the next older page of history (the first call loads the newest page). */
  loadOlder(): void {
    const roomId = this.id();
    if (!roomId || this.olderLoading() || (this.historyLoaded() && !this.cursor())) return;
    this.olderLoading.set(true);
    this.subs.push(
      this.api.messages(roomId, this.cursor()).subscribe({
        next: (page) => {
          const known = new Set(this.list().map((m) => m.id));
          const older = page.items
            .filter((m) => !known.has(m.id))
            .reverse()
            .map((m): ChatMessage => ({ ...m, state: 'sent' }));
          this.list.update((list) => [...older, ...list]);
          this.cursor.set(page.nextCursor);
          this.historyLoaded.set(true);
          this.olderLoading.set(false);
        },
        error: () => this.olderLoading.set(false),
      }),
    );
  }

  /** Sends text and/or an uploaded image; shows it at once as pending. */
  send(content: string, image: { image: Image; previewUrl?: string } | null = null): void {
    const roomId = this.id();
    const author = this.meSummary();
    const text = content.trim();
    if (!roomId || !author || (!text && !image)) return;
    const clientId = crypto.randomUUID();
    if (image?.previewUrl) this.objectUrls.add(image.previewUrl);
    const local: ChatMessage = {
      id: localMessageId(clientId),
      roomId,
      clientId,
      author,
      content: text,
      image: image?.image ?? null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      state: 'pending',
      localImageUrl: image?.previewUrl,
    };
    this.list.update((list) => [...list, local]);
    const payload: SendMessagePayload = { roomId, clientId };
    if (text) payload.content = text;
    if (image) payload.imageId = image.image.id;
    this.outbox.set(clientId, { payload, attempt: 0 });
    this.setTyping(false);
    this.dispatch(clientId);
  }

  /** Sends a failed message again with the same clientId. */
  retry(clientId: string): void {
    if (!this.outbox.has(clientId)) return;
    this.setState(clientId, 'pending');
    this.dispatch(clientId);
  }

  /** Drops a failed message that the user does not want to retry. */
  discard(clientId: string): void {
    this.outbox.delete(clientId);
    this.list.update((list) => list.filter((m) => m.clientId !== clientId || m.state === 'sent'));
  }

  async edit(messageId: string, content: string): Promise<string | null> {
    const roomId = this.id();
    const text = content.trim();
    if (!roomId || !text) return 'validation';
    try {
      const ack = await this.socket.emitWithAck('message:edit', { roomId, messageId, content: text });
      if (!ack.ok) return ack.error.code;
      if (isMessage(ack.message)) this.applyUpdate(ack.message);
      return null;
    } catch {
      return 'timeout';
    }
  }

  async remove(messageId: string): Promise<string | null> {
    const roomId = this.id();
    if (!roomId) return 'validation';
    try {
      const ack = await this.socket.emitWithAck('message:delete', { roomId, messageId });
      if (!ack.ok) return ack.error.code;
      this.applyDelete(messageId);
      return null;
    } catch {
      return 'timeout';
    }
  }

  /** Tells the server I have read up to the newest stored message (once per message). */
  markRead(): void {
    const roomId = this.id();
    if (!roomId || !this.memberValue()) return;
    const newest = [...this.list()].reverse().find((m) => m.state === 'sent');
    this.chats?.markReadLocal(roomId);
    if (!newest || newest.id === this.lastReadSent) return;
    this.lastReadSent = newest.id;
    this.socket.emitWithAck('read', { roomId, messageId: newest.id }).then(
      (ack) => {
        if (!ack.ok && this.lastReadSent === newest.id) this.lastReadSent = null;
      },
      () => {
        this.lastReadSent = null;
      },
    );
  }

  /** Throttled typing signal: `true` at most every few seconds, `false` on send, blur or idle. */
  setTyping(isTyping: boolean): void {
    const roomId = this.id();
    if (!roomId || !this.memberValue()) return;
    clearTimeout(this.typingIdle);
    if (isTyping) {
      const now = Date.now();
      if (now - this.typingSentAt >= TYPING_THROTTLE_MS) {
        this.typingSentAt = now;
        this.socket.emit('typing', { roomId, isTyping: true });
      }
      this.typingIdle = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
    } else if (this.typingSentAt) {
      this.typingSentAt = 0;
      this.socket.emit('typing', { roomId, isTyping: false });
    }
  }

  /** Joins the public room I am reading, turning the read-only view into a member's view. */
  join(): Promise<boolean> {
    const roomId = this.id();
    if (!roomId) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.subs.push(
        this.api.join(roomId).subscribe({
          next: (room) => {
            this.becomeMember(room);
            resolve(true);
          },
          error: () => resolve(false),
        }),
      );
    });
  }

  /** Applies a Room the settings dialog got back from the server. */
  setRoom(room: Room): void {
    if (room.id !== this.id()) return;
    this.roomValue.set(room);
    this.chats?.upsert(room);
  }

  private becomeMember(room: Room): void {
    this.roomValue.set(room);
    this.chats?.upsert(room, true);
    if (this.memberValue()) return;
    this.memberValue.set(true);
    this.listen();
  }

  /** Room events: a member hears them on its own; a reader of a public room watches it. */
  private listen(): void {
    const roomId = this.id();
    if (!roomId) return;
    this.liveSub?.unsubscribe();
    const events = this.memberValue() ? this.socket.roomMessages$(roomId) : this.socket.watchRoom(roomId);
    this.liveSub = events.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: RoomEvent): void {
    switch (event.type) {
      case 'message:new':
        if (isMessage(event.payload)) this.applyNew(event.payload);
        break;
      case 'message:updated':
        if (isMessage(event.payload)) this.applyUpdate(event.payload);
        break;
      case 'message:deleted':
        if (typeof event.payload.messageId === 'string') this.applyDelete(event.payload.messageId);
        break;
      case 'read':
        this.applyRead(event.payload);
        break;
      case 'typing':
        // Shown from ChatsStore, which hears typing for every room.
        break;
    }
  }

  /** A stored message (from `message:new` or a send ack): replaces my pending copy, deduped by clientId and id. */
  private applyNew(message: Message): void {
    if (message.clientId) this.outbox.delete(message.clientId);
    // The server counts sending as having read up to one's own message (and sends no `read` for it).
    if (message.author.id !== this.auth.me()?.id)
      this.moveRead(message.author.id, { messageId: message.id, at: message.createdAt });
    const stored: ChatMessage = { ...message, state: 'sent' };
    this.list.update((list) => {
      const index = list.findIndex(
        (m) => m.id === message.id || (!!message.clientId && m.clientId === message.clientId),
      );
      if (index === -1) return placeServerMessage(list, stored);
      const existing = list[index];
      if (existing.state === 'sent' && !isLocalId(existing.id)) return list;
      const rest = list.filter((_, i) => i !== index);
      return placeServerMessage(rest, { ...stored, localImageUrl: existing.localImageUrl });
    });
  }

  private applyUpdate(message: Message): void {
    this.list.update((list) =>
      list.map((m) => (m.id === message.id ? { ...message, state: m.state, localImageUrl: m.localImageUrl } : m)),
    );
  }

  private applyDelete(messageId: string): void {
    this.list.update((list) => list.filter((m) => m.id !== messageId));
  }

  private applyRead(event: ReadEvent): void {
    if (typeof event.userId !== 'string') return;
    if (event.userId === this.auth.me()?.id) {
      this.lastReadSent = event.messageId;
      return;
    }
    const read = this.list().find((m) => m.id === event.messageId);
    // A message not loaded here (yet) was read just now: it is no older than anything shown.
    this.moveRead(event.userId, { messageId: event.messageId, at: read?.createdAt ?? new Date().toISOString() });
  }

  private moveRead(userId: string, position: ReadPosition): void {
    this.liveReads.update((reads) => {
      const current = reads[userId];
      if (current?.at && position.at && current.at >= position.at) return reads;
      return { ...reads, [userId]: position };
    });
  }

  private dispatch(clientId: string): void {
    const outgoing = this.outbox.get(clientId);
    if (!outgoing) return;
    // Offline: stay pending; the reconnect handler sends it.
    if (!this.socket.connected) return;
    const attempt = ++outgoing.attempt;
    this.socket.emitWithAck('message:send', outgoing.payload).then(
      (ack) => {
        if (ack.ok) {
          if (isMessage(ack.message)) this.applyNew(ack.message);
          else this.setState(clientId, 'sent');
          return;
        }
        // Unauthorized: the socket is being renewed (token refresh, reconnect); the reconnect resends.
        if (ack.error.code === 'unauthorized') return;
        if (ack.error.code === 'blocked') this.blockedValue.set(true);
        if (this.outbox.get(clientId)?.attempt === attempt) this.setState(clientId, 'failed', ack.error.code);
      },
      () => {
        // No answer in time. If the connection dropped, the reconnect retries; otherwise offer a retry.
        if (this.outbox.get(clientId)?.attempt === attempt && this.socket.connected) {
          this.setState(clientId, 'failed', 'timeout');
        }
      },
    );
  }

  private setState(clientId: string, state: ChatMessage['state'], errorCode?: string): void {
    this.list.update((list) =>
      list.map((m) => (m.clientId === clientId && m.state !== 'sent' ? { ...m, state, errorCode } : m)),
    );
  }

  private onReconnect(): void {
    for (const message of this.list()) {
      if (!message.clientId || !this.outbox.has(message.clientId)) continue;
      if (message.state === 'pending' || message.errorCode === 'timeout') {
        this.setState(message.clientId, 'pending');
        this.dispatch(message.clientId);
      }
    }
    this.catchUp();
  }

  /** Merges the newest page after a reconnect so messages missed while offline appear. */
  private catchUp(): void {
    const roomId = this.id();
    if (!roomId || !this.historyLoaded()) return;
    this.subs.push(
      this.api.messages(roomId).subscribe({
        next: (page) => {
          for (const m of [...page.items].reverse()) this.applyNew(m);
        },
        error: () => undefined,
      }),
    );
  }

  private teardown(): void {
    this.setTyping(false);
    clearTimeout(this.typingIdle);
    this.liveSub?.unsubscribe();
    this.liveSub = null;
    for (const sub of this.subs) sub.unsubscribe();
    this.subs = [];
    const roomId = this.id();
    if (roomId) this.chats?.setWatched(roomId, false);
  }
}
