import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { Room } from '@world-it/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  EMPTY,
  map,
  mergeMap,
  of,
  pairwise,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { ChatApiService } from '../data-access/chat-api.service';
import { ChatsStore } from '../data-access/chats.store';

type Result =
  | { status: 'loading' }
  | { status: 'done'; rooms: Room[]; cursor: string | null }
  | { status: 'error'; error: UiMessage };

/** Public group rooms: search, open read-only, or join. */
@Component({
  selector: 'wit-public-rooms',
  imports: [TranslatePipe, UiMessagePipe, AvatarComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="search">
      <label class="visually-hidden" for="public-search">{{ 'chats.publicSearch' | t }}</label>
      <svg class="search__icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM21 21l-4.3-4.3"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        />
      </svg>
      <input
        id="public-search"
        class="input search__input"
        type="search"
        data-testid="public-search"
        autocomplete="off"
        [placeholder]="'chats.publicSearch' | t"
        (input)="query$.next($any($event.target).value)"
      />
    </div>
    @switch (result().status) {
      @case ('loading') {
        <p class="note" role="status"><span class="spinner" aria-hidden="true"></span>{{ 'app.loading' | t }}</p>
      }
      @case ('error') {
        <p class="note note--error" role="alert">{{ $any(result()).error | msg }}</p>
      }
    }
    @if (shown().length) {
      <ul class="rooms" data-testid="public-room-list" [attr.aria-label]="'chats.tabPublic' | t">
        @for (room of shown(); track room.id) {
          @let member = store.has(room.id);
          <li class="room" data-testid="public-room" [attr.data-room-id]="room.id">
            <wit-avatar [name]="room.name" [url]="room.avatarUrl" [size]="44" />
            <a class="room__main" [routerLink]="['/chats', room.id]">
              <span class="room__name">{{ room.name }}</span>
              <span class="room__meta" data-testid="public-room-members">{{
                'chats.members' | t: { n: room.membersCount }
              }}</span>
            </a>
            @if (member) {
              <a class="btn btn--sm" [routerLink]="['/chats', room.id]">{{ 'chats.open' | t }}</a>
            } @else {
              <button
                type="button"
                class="btn btn--primary btn--sm"
                data-testid="room-join"
                [disabled]="joining() === room.id"
                [attr.aria-label]="('chats.join' | t) + ': ' + room.name"
                (click)="join(room)"
              >
                {{ 'chats.join' | t }}
              </button>
            }
          </li>
        }
      </ul>
    } @else if (result().status === 'done') {
      <div class="empty" data-testid="public-empty">
        <h2 class="empty__title">{{ 'chats.publicEmpty' | t }}</h2>
        <p>{{ 'chats.publicEmptyText' | t }}</p>
      </div>
    }
    @if (cursor()) {
      <div class="more">
        <button type="button" class="btn btn--ghost btn--sm" (click)="more()">{{ 'chats.loadMore' | t }}</button>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: var(--wit-space-2) var(--wit-space-3);
    }
    .search {
      position: relative;
      margin: var(--wit-space-1) 0 var(--wit-space-2);
    }
    .search__icon {
      position: absolute;
      left: 12px;
      top: 13px;
      color: var(--wit-color-text-muted);
    }
    .search__input {
      padding-left: 38px;
      border-radius: var(--wit-radius-full);
      background: var(--wit-color-surface-muted);
      border-color: transparent;
    }
    .rooms {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .room {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      padding: 8px var(--wit-space-2);
      border-radius: var(--wit-radius-md);
    }
    .room:hover {
      background: var(--wit-color-surface-muted);
    }
    .room__main {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-width: 0;
      color: var(--wit-color-text);
    }
    .room__main:hover {
      text-decoration: none;
    }
    .room__name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: var(--wit-weight-semibold);
    }
    .room__meta {
      font-size: var(--wit-text-xs);
      font-weight: var(--wit-weight-regular);
      color: var(--wit-color-text-muted);
    }
    .note {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      padding: var(--wit-space-4) var(--wit-space-2);
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .note--error {
      color: var(--wit-color-danger);
    }
    .empty {
      padding: var(--wit-space-8) var(--wit-space-4);
      text-align: center;
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .empty__title {
      margin-bottom: var(--wit-space-1);
      font-size: var(--wit-text-lg);
      color: var(--wit-color-text);
    }
    .more {
      display: flex;
      justify-content: center;
      padding: var(--wit-space-2);
    }
  `,
})
export class PublicRoomsComponent {
  private readonly api = inject(ChatApiService);
  private readonly router = inject(Router);
  private readonly notices = inject(NoticeService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly store = inject(ChatsStore);

  protected readonly query$ = new Subject<string>();
  protected readonly result = signal<Result>({ status: 'loading' });
  protected readonly rooms = signal<Room[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly joining = signal<string | null>(null);
  /** A room I am a member of as my room list has it: kept current by room:added/room:updated. */
  protected readonly shown = computed(() => this.rooms().map((r) => this.store.room(r.id) ?? r));
  private query = '';

  constructor() {
    this.refreshWhenLeft();
    this.query$
      .pipe(
        debounceTime(250),
        map((q) => q.trim()),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.query = q;
          this.result.set({ status: 'loading' });
          return this.api.publicRooms(q).pipe(
            map((page): Result => ({ status: 'done', rooms: page.items, cursor: page.nextCursor })),
            catchError((err: unknown) => of<Result>({ status: 'error', error: genericErrorMessage(err) })),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((r) => {
        this.result.set(r);
        this.rooms.set(r.status === 'done' ? r.rooms : []);
        this.cursor.set(r.status === 'done' ? r.cursor : null);
      });
  }

  /**
   * A room I leave drops out of my room list, and nobody sends a non-member its updates: read it once
   * more, so its member count no longer counts me.
   */
  private refreshWhenLeft(): void {
    const memberOf = computed(
      () =>
        new Set(
          this.rooms()
            .filter((r) => this.store.has(r.id))
            .map((r) => r.id),
        ),
      { equal: (a, b) => a.size === b.size && [...a].every((id) => b.has(id)) },
    );
    toObservable(memberOf)
      .pipe(
        pairwise(),
        mergeMap(([before, now]) => [...before].filter((id) => !now.has(id))),
        mergeMap((roomId) => this.api.room(roomId).pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((fresh) => this.rooms.update((rooms) => rooms.map((r) => (r.id === fresh.id ? fresh : r))));
  }

  protected more(): void {
    const cursor = this.cursor();
    if (!cursor) return;
    this.cursor.set(null);
    this.api
      .publicRooms(this.query, cursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const known = new Set(this.rooms().map((r) => r.id));
          this.rooms.update((rooms) => [...rooms, ...page.items.filter((r) => !known.has(r.id))]);
          this.cursor.set(page.nextCursor);
        },
        error: (err: unknown) => {
          this.cursor.set(cursor);
          this.notices.error(err);
        },
      });
  }

  protected join(room: Room): void {
    this.joining.set(room.id);
    this.api
      .join(room.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (joined) => {
          this.joining.set(null);
          this.store.upsert(joined, true);
          void this.router.navigate(['/chats', joined.id]);
        },
        error: (err: unknown) => {
          this.joining.set(null);
          this.notices.error(err);
        },
      });
  }
}
