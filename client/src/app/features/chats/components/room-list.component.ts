import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { Room } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { UiMessagePipe } from '../../../core/i18n/ui-message';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import {
  directPeer,
  formatListTime,
  messagePreviewParts,
  type PreviewParts,
  roomAvatar,
  typingLabel,
} from '../data-access/chat-format';
import { ChatsStore } from '../data-access/chats.store';

interface RoomRow {
  room: Room;
  avatar: string | null;
  online: boolean;
  preview: PreviewParts;
  typing: string;
  time: string;
  unread: string;
  /** The words after the badge's number for a screen reader: "unread messages". */
  unreadLabel: string;
}

/** My rooms, most recent first, with previews, unread badges and presence; loads more on scroll. */
@Component({
  selector: 'wit-room-list',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, UiMessagePipe, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.loading()) {
      <ul class="rooms" aria-hidden="true">
        @for (i of [1, 2, 3, 4, 5, 6]; track i) {
          <li class="row row--skeleton">
            <span class="sk sk--pic"></span
            ><span class="sk-lines"
              ><span class="sk" style="width: 55%"></span><span class="sk" style="width: 80%"></span
            ></span>
          </li>
        }
      </ul>
      <span class="visually-hidden" role="status">{{ 'app.loading' | t }}</span>
    } @else if (store.error(); as e) {
      <div class="note" role="alert">
        <p>{{ e | msg }}</p>
        <button type="button" class="btn btn--sm" (click)="store.load()">{{ 'chats.retry' | t }}</button>
      </div>
    } @else if (!rows().length) {
      <div class="note" data-testid="chat-list-empty">
        <svg width="48" height="48" viewBox="0 0 24 24" aria-hidden="true" class="note__art">
          <path
            d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.6"
            stroke-linejoin="round"
          />
        </svg>
        <h2 class="note__title">{{ 'chats.noChats' | t }}</h2>
        <p>{{ 'chats.noChatsText' | t }}</p>
      </div>
    }
    <ul class="rooms" data-testid="chat-list" [attr.aria-label]="'chats.listLabel' | t" [hidden]="store.loading()">
      @for (row of rows(); track row.room.id) {
        <li>
          <a
            class="row"
            [routerLink]="['/chats', row.room.id]"
            routerLinkActive="row--active"
            ariaCurrentWhenActive="page"
            data-testid="chat-list-item"
            [attr.data-room-id]="row.room.id"
            [attr.data-unread]="row.room.unreadCount"
          >
            <span class="row__pic">
              <wit-avatar [name]="row.room.name" [url]="row.avatar" [size]="48" />
              @if (row.online) {
                <span class="dot" data-testid="online-dot"
                  ><span class="visually-hidden">{{ 'chats.online' | t }}</span></span
                >
              }
            </span>
            <span class="row__main">
              <span class="row__top">
                <span class="row__name">
                  @if (row.room.kind === 'group') {
                    <svg class="row__kind" width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
                      <path
                        d="M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 19v-1a4 4 0 0 0-3-3.9"
                        fill="none"
                        stroke="currentColor"
                        stroke-width="2"
                        stroke-linecap="round"
                      />
                    </svg>
                  }
                  {{ row.room.name }}
                </span>
                <span class="row__time">{{ row.time }}</span>
              </span>
              <span class="row__bottom">
                @if (row.typing) {
                  <span class="row__preview row__preview--typing">{{ row.typing }}</span>
                } @else {
                  <span class="row__preview" data-testid="chat-list-preview">
                    @if (row.preview.photo; as photo) {
                      <span>{{ row.preview.before }}</span>
                      <svg class="row__photo" width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
                        <rect
                          x="3"
                          y="5"
                          width="18"
                          height="15"
                          rx="3"
                          fill="none"
                          stroke="currentColor"
                          stroke-width="2"
                        />
                        <circle cx="9" cy="10.5" r="1.8" fill="currentColor" />
                        <path
                          d="m21 16-5-5-9 9"
                          fill="none"
                          stroke="currentColor"
                          stroke-width="2"
                          stroke-linejoin="round"
                        />
                      </svg>
                      <span>{{ photo }}{{ row.preview.after }}</span>
                    } @else {
                      {{ row.preview.before }}
                    }
                  </span>
                }
                @if (row.room.unreadCount > 0) {
                  <span class="badge" data-testid="unread-badge"
                    >{{ row.unread }}<span class="visually-hidden"> {{ row.unreadLabel }}</span></span
                  >
                }
              </span>
            </span>
          </a>
        </li>
      }
    </ul>
    <div #sentinel class="more">
      @if (store.loadingMore()) {
        <span class="spinner" aria-hidden="true"></span
        ><span class="visually-hidden" role="status">{{ 'app.loading' | t }}</span>
      } @else if (store.hasMore() && !store.loading()) {
        <button type="button" class="btn btn--ghost btn--sm" data-testid="chat-list-more" (click)="store.loadMore()">
          {{ 'chats.loadMore' | t }}
        </button>
      }
    </div>
  `,
  styleUrl: './room-list.component.css',
})
export class RoomListComponent {
  protected readonly store = inject(ChatsStore);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly sentinel = viewChild.required<ElementRef<HTMLElement>>('sentinel');

  protected readonly rows = computed<RoomRow[]>(() => {
    const myId = this.auth.me()?.id ?? null;
    const lang = this.i18n.lang();
    const t = this.i18n.t.bind(this.i18n);
    const typing = this.store.typing();
    return this.store.rooms().map((room) => {
      const peer = directPeer(room, myId);
      const last = room.lastMessage;
      return {
        room,
        avatar: roomAvatar(room, myId),
        online: !!peer?.online,
        preview: messagePreviewParts(last, myId, room.kind, t),
        typing: typingLabel(
          (typing[room.id] ?? []).map((u) => u.name),
          t,
        ),
        time: formatListTime(last?.createdAt ?? room.createdAt, lang),
        unread: room.unreadCount > 99 ? '99+' : String(room.unreadCount),
        // "99+" reads with the plural form of a count over 99.
        unreadLabel: t('chats.unreadMessagesSuffix', { n: Math.min(room.unreadCount, 100) }),
      };
    });
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) this.store.loadMore();
        },
        { rootMargin: '200px' },
      );
      observer.observe(this.sentinel().nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }
}
