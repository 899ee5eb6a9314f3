import { HttpClient, HttpParams } from '@angular/common/http';
import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { MarkNotificationsReadRequest, Notification, Page, UnreadCount } from '@world-it/contracts';
import { catchError, EMPTY, filter, firstValueFrom, Subject, switchMap } from 'rxjs';

import { AuthService } from '../auth/auth.service';
import { genericErrorMessage, type UiMessage } from '../i18n/ui-message';
import { SocketService } from '../socket/socket.service';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** Socket payloads are typed at compile time only: the list takes what looks like a notification. */
function isNotification(value: unknown): value is Notification {
  if (typeof value !== 'object' || value === null) return false;
  const n = value as Partial<Notification>;
  return typeof n.id === 'string' && typeof n.type === 'string' && typeof n.createdAt === 'string';
}

export type NotificationsListState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * My notifications: the unread count for the bell (fetched each time the socket connects, so after
 * sign-in and after every reconnect, then kept by the server's `notifications:unread` pushes) and the list the bell opens, newest first,
 * with new ones added live. One per app, following the session.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly socket = inject(SocketService);

  private readonly count = signal(0);
  private readonly list = signal<readonly Notification[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly listState = signal<NotificationsListState>('idle');
  private readonly listError = signal<UiMessage | null>(null);
  private readonly moreLoading = signal(false);
  private readonly recounts = new Subject<void>();

  readonly unreadCount = this.count.asReadonly();
  readonly items = this.list.asReadonly();
  readonly state = this.listState.asReadonly();
  readonly error = this.listError.asReadonly();
  readonly loadingMore = this.moreLoading.asReadonly();
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly hasUnread = computed(() => this.count() > 0 || this.list().some((n) => !n.read));

  constructor() {
    // The server pushes my unread count whenever it changes (a new notification, or read on any of
    // my devices); a pushed notification may be new or an unread one bumped to the top (same id).
    this.socket
      .on('notifications:unread')
      .pipe(takeUntilDestroyed())
      .subscribe((c) => {
        if (typeof c?.count === 'number') this.count.set(Math.max(0, c.count));
      });
    this.socket
      .on('notification')
      .pipe(takeUntilDestroyed())
      .subscribe((n) => {
        if (isNotification(n)) this.upsert(n);
      });
    // Whatever changed while the socket was away: ask once it is back.
    this.recounts
      .pipe(
        filter(() => this.auth.isSignedIn()),
        switchMap(() => this.http.get<UnreadCount>('/api/notifications/unread-count').pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(),
      )
      .subscribe(({ count }) => this.count.set(Math.max(0, count)));
    this.socket.connectionState$
      .pipe(
        filter((s) => s === 'connected'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.recounts.next());

    // Signing in or out starts over; the count itself comes when the socket connects (above), which
    // follows every sign-in: asking here as well would only send the same request twice.
    effect(() => {
      this.auth.isSignedIn();
      untracked(() => this.reset());
    });
  }

  /** The first page, fresh (the bell opens it). */
  async load(): Promise<void> {
    this.listState.set('loading');
    this.listError.set(null);
    try {
      const page = await firstValueFrom(this.fetch(null));
      this.list.set(page.items);
      this.cursor.set(page.nextCursor);
      this.listState.set('ready');
    } catch (err) {
      this.listError.set(genericErrorMessage(err));
      this.listState.set('error');
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.cursor();
    if (!cursor || this.moreLoading()) return;
    this.moreLoading.set(true);
    try {
      const page = await firstValueFrom(this.fetch(cursor));
      const seen = new Set(this.list().map((n) => n.id));
      this.list.update((list) => [...list, ...page.items.filter((n) => !seen.has(n.id))]);
      this.cursor.set(page.nextCursor);
    } catch {
      // The button stays and can be pressed again.
    } finally {
      this.moreLoading.set(false);
    }
  }

  /**
   * Tells the server these were seen (none given: every notification of mine). The list keeps its
   * unread styling until `settle()`, so the person sees which ones were new while the bell is open;
   * the badge drops at once.
   */
  async markRead(ids?: readonly string[]): Promise<boolean> {
    const unread = new Set(
      this.list()
        .filter((n) => !n.read)
        .map((n) => n.id),
    );
    const targets = ids ? ids.filter((id) => unread.has(id)) : null;
    if (targets && !targets.length) return true;
    const body: MarkNotificationsReadRequest = targets ? { ids: targets } : {};
    const before = this.count();
    this.count.set(targets ? Math.max(0, before - targets.length) : 0);
    try {
      await firstValueFrom(this.http.post<void>('/api/notifications/read', body));
      if (!targets) this.settle();
      return true;
    } catch {
      this.count.set(before);
      return false;
    }
  }

  /** Shows every listed notification as read (after the bell closes, or "mark all as read"). */
  settle(ids?: readonly string[]): void {
    const only = ids ? new Set(ids) : null;
    this.list.update((list) =>
      list.some((n) => !n.read && (!only || only.has(n.id)))
        ? list.map((n) => (!n.read && (!only || only.has(n.id)) ? { ...n, read: true } : n))
        : list,
    );
  }

  private fetch(cursor: string | null) {
    let params = new HttpParams().set('limit', String(NOTIFICATIONS_PAGE_SIZE));
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<Page<Notification>>('/api/notifications', { params });
  }

  /** A new notification goes on top; a bumped one (same id) moves there. Only once the list was loaded. */
  private upsert(n: Notification): void {
    if (this.listState() !== 'ready') return;
    this.list.update((list) => [n, ...list.filter((m) => m.id !== n.id)]);
  }

  private reset(): void {
    this.count.set(0);
    this.list.set([]);
    this.cursor.set(null);
    this.listState.set('idle');
    this.listError.set(null);
  }
}
