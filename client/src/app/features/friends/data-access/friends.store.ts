import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FriendRequest, Page, UserSummary } from '@world-it/contracts';
import { firstValueFrom, map, type Observable } from 'rxjs';

import { becameFriends, FriendsApiService } from '../../../core/friends/friends-api.service';
import { genericErrorMessage, type UiMessage } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { SocketService } from '../../../core/socket/socket.service';

export const FRIEND_TABS = ['friends', 'incoming', 'outgoing', 'suggestions'] as const;
export type FriendTab = (typeof FRIEND_TABS)[number];

export function isFriendTab(value: unknown): value is FriendTab {
  return typeof value === 'string' && (FRIEND_TABS as readonly string[]).includes(value);
}

/** One person in a tab; `requestId` on the request tabs, `requested` once I asked a suggested person. */
export interface FriendRow {
  user: UserSummary;
  requestId: string | null;
  requested?: boolean;
}

export interface TabState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: readonly FriendRow[];
  nextCursor: string | null;
  error: UiMessage | null;
  loadingMore: boolean;
  moreFailed: boolean;
}

const IDLE: TabState = {
  status: 'idle',
  rows: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  moreFailed: false,
};

type Tabs = Record<FriendTab, TabState>;

const userRow = (user: UserSummary): FriendRow => ({ user, requestId: null });
const incomingRow = (r: FriendRequest): FriendRow => ({ user: r.from, requestId: r.id });
const outgoingRow = (r: FriendRequest): FriendRow => ({ user: r.to, requestId: r.id });

/**
 * The Friends page's lists: my friends, requests to and from me, and suggestions, each loaded on
 * first view and paged by cursor. Every action changes the lists at once and puts them back (with a
 * toast) if the server refuses. Provided by the page.
 */
@Injectable()
export class FriendsStore {
  private readonly api = inject(FriendsApiService);
  private readonly notices = inject(NoticeService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly tabs = signal<Tabs>({
    friends: IDLE,
    incoming: IDLE,
    outgoing: IDLE,
    suggestions: IDLE,
  });
  private readonly busyIds = signal<ReadonlySet<string>>(new Set());

  readonly state = this.tabs.asReadonly();
  /** User ids with an action on its way. */
  readonly busy = this.busyIds.asReadonly();
  /** A tab's count as shown on it: exact, or `n+` while more pages exist; null before it loaded. */
  readonly counts = computed(() => {
    const tabs = this.tabs();
    const out = {} as Record<FriendTab, string | null>;
    for (const tab of FRIEND_TABS) {
      const t = tabs[tab];
      out[tab] = t.status === 'ready' ? `${t.rows.length}${t.nextCursor ? '+' : ''}` : null;
    }
    return out;
  });
  readonly incomingCount = computed(() => {
    const t = this.tabs().incoming;
    return t.status === 'ready' ? t.rows.length : 0;
  });

  constructor() {
    // Someone asked me, or accepted my request, while the page is open: the lists follow.
    inject(SocketService)
      .on('notification')
      .pipe(takeUntilDestroyed())
      .subscribe((n) => {
        if (n.type === 'friend_request') this.reload('incoming');
        if (n.type === 'friend_accepted') {
          this.reload('friends');
          this.reload('outgoing');
        }
      });
  }

  /** Loads a tab's first page unless it is loaded or loading. */
  ensure(tab: FriendTab): void {
    const status = this.tabs()[tab].status;
    if (status === 'idle' || status === 'error') this.reload(tab);
  }

  reload(tab: FriendTab): void {
    this.patch(tab, { status: 'loading', error: null, moreFailed: false });
    this.fetch(tab, null)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) =>
          this.patch(tab, { status: 'ready', rows: page.items, nextCursor: page.nextCursor, loadingMore: false }),
        error: (err: unknown) =>
          this.patch(tab, { status: 'error', rows: [], nextCursor: null, error: genericErrorMessage(err) }),
      });
  }

  loadMore(tab: FriendTab): void {
    const t = this.tabs()[tab];
    if (!t.nextCursor || t.status !== 'ready' || t.loadingMore) return;
    this.patch(tab, { loadingMore: true, moreFailed: false });
    this.fetch(tab, t.nextCursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const rows = this.tabs()[tab].rows;
          const seen = new Set(rows.map((r) => r.user.id));
          this.patch(tab, {
            rows: [...rows, ...page.items.filter((r) => !seen.has(r.user.id))],
            nextCursor: page.nextCursor,
            loadingMore: false,
          });
        },
        error: () => this.patch(tab, { loadingMore: false, moreFailed: true }),
      });
  }

  accept(row: FriendRow): Promise<boolean> {
    const requestId = row.requestId;
    if (!requestId) return Promise.resolve(false);
    return this.optimistic(
      row.user.id,
      () => {
        this.remove('incoming', row.user.id);
        this.prepend('friends', userRow(row.user));
      },
      () => firstValueFrom(this.api.accept(requestId)),
    );
  }

  decline(row: FriendRow): Promise<boolean> {
    const requestId = row.requestId;
    if (!requestId) return Promise.resolve(false);
    return this.optimistic(
      row.user.id,
      () => this.remove('incoming', row.user.id),
      () => firstValueFrom(this.api.decline(requestId)),
    );
  }

  cancel(row: FriendRow): Promise<boolean> {
    const requestId = row.requestId;
    if (!requestId) return Promise.resolve(false);
    return this.optimistic(
      row.user.id,
      () => this.remove('outgoing', row.user.id),
      () => firstValueFrom(this.api.cancel(requestId)),
    );
  }

  unfriend(row: FriendRow): Promise<boolean> {
    return this.optimistic(
      row.user.id,
      () => this.remove('friends', row.user.id),
      () => firstValueFrom(this.api.unfriend(row.user.id)),
    );
  }

  /**
   * Asks a suggested person: the suggestion says "Request sent" at once and the request joins
   * Outgoing when the server answers (or the person joins Friends when they had asked me first).
   */
  addFriend(row: FriendRow): Promise<boolean> {
    const id = row.user.id;
    return this.optimistic(
      id,
      () => this.mapRows('suggestions', (r) => (r.user.id === id ? { ...r, requested: true } : r)),
      async () => {
        const result = await firstValueFrom(this.api.sendRequest(id));
        if (becameFriends(result)) {
          this.remove('suggestions', id);
          this.remove('incoming', id);
          this.prepend('friends', userRow(row.user));
        } else {
          this.prepend('outgoing', outgoingRow(result));
        }
      },
    );
  }

  /**
   * Applies a change at once and asks the server; on failure every list goes back to how it was and
   * a toast says why. Resolves with whether the server agreed.
   */
  private async optimistic(userId: string, apply: () => void, request: () => Promise<unknown>): Promise<boolean> {
    if (this.busyIds().has(userId)) return false;
    const before = this.tabs();
    this.busyIds.update((s) => new Set(s).add(userId));
    apply();
    try {
      await request();
      return true;
    } catch (err) {
      this.tabs.set(before);
      this.notices.error(err);
      return false;
    } finally {
      this.busyIds.update((s) => {
        const next = new Set(s);
        next.delete(userId);
        return next;
      });
    }
  }

  private fetch(tab: FriendTab, cursor: string | null): Observable<Page<FriendRow>> {
    switch (tab) {
      case 'friends':
        return this.api.friends(cursor).pipe(map((p) => ({ items: p.items.map(userRow), nextCursor: p.nextCursor })));
      case 'incoming':
        return this.api
          .requests('incoming', cursor)
          .pipe(map((p) => ({ items: p.items.map(incomingRow), nextCursor: p.nextCursor })));
      case 'outgoing':
        return this.api
          .requests('outgoing', cursor)
          .pipe(map((p) => ({ items: p.items.map(outgoingRow), nextCursor: p.nextCursor })));
      case 'suggestions':
        // Not paged: up to SUGGESTIONS_MAX people.
        return this.api.suggestions().pipe(map((list) => ({ items: list.map(userRow), nextCursor: null })));
    }
  }

  private patch(tab: FriendTab, change: Partial<TabState>): void {
    this.tabs.update((tabs) => ({ ...tabs, [tab]: { ...tabs[tab], ...change } }));
  }

  private mapRows(tab: FriendTab, fn: (row: FriendRow) => FriendRow): void {
    this.patch(tab, { rows: this.tabs()[tab].rows.map(fn) });
  }

  private remove(tab: FriendTab, userId: string): void {
    this.patch(tab, { rows: this.tabs()[tab].rows.filter((r) => r.user.id !== userId) });
  }

  /** Adds a row on top of a loaded tab; a tab not loaded yet gets it with its first page. */
  private prepend(tab: FriendTab, row: FriendRow): void {
    const t = this.tabs()[tab];
    if (t.status !== 'ready') return;
    this.patch(tab, { rows: [row, ...t.rows.filter((r) => r.user.id !== row.user.id)] });
  }
}
