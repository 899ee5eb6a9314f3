import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Notification } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { formatRelative } from '../../shared/util/person-format';
import { AvatarComponent } from '../../shared/ui/avatar/avatar.component';
import { FriendsApiService } from '../friends/friends-api.service';
import type { TranslationKey } from '../i18n/en';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { UiMessagePipe } from '../i18n/ui-message';
import { NoticeService } from '../notice/notice.service';
import { NotificationsStore } from './notifications.store';

/** How a friend request in the list was answered from the bell itself. */
type Answer = 'accepting' | 'declining' | 'accepted' | 'declined';

const TEXT: Record<Notification['type'], TranslationKey> = {
  friend_request: 'notifications.friendRequest',
  friend_accepted: 'notifications.friendAccepted',
  message: 'notifications.message',
  post_liked: 'notifications.postLiked',
  post_commented: 'notifications.postCommented',
};

/**
 * The notifications list the bell opens: newest first, each with its text by type and a link; a
 * friend request can be answered right here. Opening it marks what it shows as read (the unread
 * styling stays until it closes). Loaded on first open, so the header stays small.
 */
@Component({
  selector: 'wit-notifications-panel',
  imports: [RouterLink, TranslatePipe, UiMessagePipe, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      id="notifications-panel"
      class="panel"
      role="dialog"
      aria-labelledby="notifications-title"
      data-testid="notifications-panel"
    >
      <header class="panel__head">
        <h2 #heading id="notifications-title" class="panel__title" tabindex="-1">
          {{ 'notifications.title' | t }}
        </h2>
        <button
          type="button"
          class="btn btn--ghost btn--sm"
          data-testid="notifications-mark-all"
          [disabled]="!store.hasUnread()"
          (click)="markAll()"
        >
          {{ 'notifications.markAll' | t }}
        </button>
        <button
          type="button"
          class="panel__close"
          [attr.aria-label]="'common.close' | t"
          (click)="closeRequest.emit(true)"
        >
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </header>

      <div class="panel__body" [attr.aria-busy]="store.state() === 'loading'">
        @switch (store.state()) {
          @case ('error') {
            <div class="alert alert--error panel__alert" role="alert">
              <p>{{ 'notifications.loadError' | t }} {{ store.error() | msg }}</p>
              <button type="button" class="btn btn--sm" (click)="reload()">{{ 'friends.retry' | t }}</button>
            </div>
          }
          @case ('ready') {
            @if (!store.items().length) {
              <p class="panel__empty" data-testid="notifications-empty">{{ 'notifications.empty' | t }}</p>
            } @else {
              <ul class="list" data-testid="notifications-list">
                @for (n of store.items(); track n.id) {
                  <li
                    class="item"
                    [class.item--unread]="!n.read"
                    data-testid="notification"
                    [attr.data-type]="n.type"
                    [attr.data-read]="n.read"
                  >
                    <wit-avatar [name]="n.actor?.displayName ?? '?'" [url]="n.actor?.avatarUrl ?? null" [size]="40" />
                    <div class="item__main">
                      @if (linkOf(n); as link) {
                        <a
                          class="item__text item__link"
                          [routerLink]="link.path"
                          [queryParams]="link.query"
                          (click)="closeRequest.emit(false)"
                          >{{ text(n) }}</a
                        >
                      } @else {
                        <span class="item__text">{{ text(n) }}</span>
                      }
                      <time class="item__time" [attr.datetime]="n.createdAt">{{ when(n.createdAt) }}</time>
                      @if (n.type === 'friend_request' && n.subjectId) {
                        @let answer = answers()[n.id];
                        @if (answer === 'accepted' || answer === 'declined') {
                          <span class="item__answer" data-testid="notification-answer">{{
                            (answer === 'accepted' ? 'notifications.accepted' : 'notifications.declined') | t
                          }}</span>
                        } @else {
                          <div class="item__actions">
                            <button
                              type="button"
                              class="btn btn--primary btn--sm"
                              data-testid="notification-accept"
                              [disabled]="!!answer"
                              [attr.aria-label]="'friends.acceptName' | t: { name: actorName(n) }"
                              (click)="respond(n, 'accept')"
                            >
                              {{ 'friends.accept' | t }}
                            </button>
                            <button
                              type="button"
                              class="btn btn--sm"
                              data-testid="notification-decline"
                              [disabled]="!!answer"
                              [attr.aria-label]="'friends.declineName' | t: { name: actorName(n) }"
                              (click)="respond(n, 'decline')"
                            >
                              {{ 'friends.decline' | t }}
                            </button>
                          </div>
                        }
                      }
                    </div>
                    @if (!n.read) {
                      <span class="item__dot" aria-hidden="true"></span>
                      <span class="visually-hidden">{{ 'notifications.unread' | t }}</span>
                    }
                  </li>
                }
              </ul>
              @if (store.hasMore()) {
                <div class="panel__more">
                  <button type="button" class="btn btn--sm" [disabled]="store.loadingMore()" (click)="store.loadMore()">
                    {{ 'friends.loadMore' | t }}
                  </button>
                </div>
              }
            }
          }
          @default {
            <p class="panel__empty" role="status">
              <span class="spinner" aria-hidden="true"></span> {{ 'app.loading' | t }}
            </p>
          }
        }
      </div>
      <footer class="panel__foot">
        <a
          routerLink="/friends"
          [queryParams]="{ tab: 'incoming' }"
          data-testid="notifications-requests"
          (click)="closeRequest.emit(false)"
          >{{ 'notifications.allRequests' | t }}</a
        >
      </footer>
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
    .panel {
      position: absolute;
      top: calc(100% + 8px);
      right: -56px;
      z-index: 40;
      display: flex;
      flex-direction: column;
      width: 380px;
      max-height: min(560px, calc(100vh - var(--wit-header-height) - 24px));
      background: var(--wit-color-surface);
      border: 1px solid var(--wit-color-border);
      border-radius: var(--wit-radius-lg);
      box-shadow: var(--wit-shadow-lg);
    }
    .panel__head {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      padding: var(--wit-space-3) var(--wit-space-3) var(--wit-space-3) var(--wit-space-4);
      border-bottom: 1px solid var(--wit-color-border);
    }
    .panel__title {
      flex: 1;
      font-size: var(--wit-text-lg);
      outline: none;
    }
    .panel__close {
      display: none;
      place-items: center;
      width: 40px;
      height: 40px;
      padding: 0;
      color: var(--wit-color-text-muted);
      background: transparent;
      border: 0;
      border-radius: 50%;
      cursor: pointer;
    }
    .panel__body {
      flex: 1;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .panel__empty {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: var(--wit-space-2);
      padding: var(--wit-space-8) var(--wit-space-4);
      color: var(--wit-color-text-muted);
      text-align: center;
    }
    .panel__alert {
      margin: var(--wit-space-3);
      align-items: flex-start;
    }
    .panel__more,
    .panel__foot {
      display: flex;
      justify-content: center;
      padding: var(--wit-space-3);
    }
    .panel__foot {
      border-top: 1px solid var(--wit-color-border);
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-medium);
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: var(--wit-space-3);
      padding: var(--wit-space-3) var(--wit-space-8) var(--wit-space-3) var(--wit-space-4);
      border-bottom: 1px solid var(--wit-color-border);
    }
    .item--unread {
      background: var(--wit-color-brand-soft);
    }
    .item__main {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .item__text {
      color: var(--wit-color-text);
      overflow-wrap: anywhere;
    }
    .item--unread .item__text {
      font-weight: var(--wit-weight-semibold);
    }
    .item__link {
      text-decoration: none;
    }
    .item__link:hover {
      text-decoration: underline;
    }
    .item__time,
    .item__answer {
      font-size: var(--wit-text-xs);
      color: var(--wit-color-text-muted);
    }
    .item__actions {
      display: flex;
      gap: var(--wit-space-2);
      margin-top: var(--wit-space-2);
    }
    .item__dot {
      position: absolute;
      top: 50%;
      right: var(--wit-space-4);
      width: 10px;
      height: 10px;
      margin-top: -5px;
      border-radius: 50%;
      background: var(--wit-color-brand);
    }
    @media (max-width: 719px) {
      /* A full-width sheet between the header and the bottom navigation. */
      .panel {
        position: fixed;
        top: var(--wit-header-height);
        right: 0;
        bottom: calc(var(--wit-bottom-nav-height) + env(safe-area-inset-bottom));
        left: 0;
        width: auto;
        max-height: none;
        border-radius: 0;
        border-width: 1px 0 0;
      }
      .panel__close {
        display: inline-grid;
      }
    }
  `,
})
export class NotificationsPanelComponent {
  protected readonly store = inject(NotificationsStore);
  private readonly friends = inject(FriendsApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);

  readonly closeRequest = output<boolean>();
  protected readonly answers = signal<Readonly<Record<string, Answer>>>({});
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    afterNextRender(() => this.heading()?.nativeElement.focus());
    void this.reload();
  }

  protected async reload(): Promise<void> {
    await this.store.load();
    await this.markShownRead();
  }

  protected async markAll(): Promise<void> {
    if (!(await this.store.markRead())) this.notices.error(this.i18n.t('notifications.markFailed'));
  }

  protected text(n: Notification): string {
    const answer = this.answers()[n.id];
    if (n.type === 'friend_request' && answer === 'accepted') {
      return this.i18n.t('notifications.nowFriends', { name: this.actorName(n) });
    }
    const others = this.othersOf(n);
    if (others > 0 && (n.type === 'post_liked' || n.type === 'post_commented')) {
      const key = n.type === 'post_liked' ? 'notifications.postLikedMany' : 'notifications.postCommentedMany';
      return this.i18n.t(key, { name: this.actorName(n), n: others });
    }
    return this.i18n.t(TEXT[n.type], { name: this.actorName(n) });
  }

  /** The people besides the named actor in a grouped like/comment notification ("Anna and 3 others"). */
  private othersOf(n: Notification): number {
    const count = n.actorsCount;
    return Number.isInteger(count) && count > 1 ? count - 1 : 0;
  }

  protected actorName(n: Notification): string {
    return n.actor?.displayName ?? this.i18n.t('notifications.someone');
  }

  protected when(iso: string): string {
    return formatRelative(iso, this.i18n.lang());
  }

  /** Where a notification leads: the chat, the person, the requests, the post. */
  protected linkOf(n: Notification): { path: string[]; query: Record<string, string> | null } | null {
    switch (n.type) {
      case 'friend_request':
        return { path: ['/friends'], query: { tab: 'incoming' } };
      case 'friend_accepted':
        return n.actor ? { path: ['/people', n.actor.id], query: null } : null;
      case 'message':
        return n.subjectId ? { path: ['/chats', n.subjectId], query: null } : null;
      case 'post_liked':
      case 'post_commented':
        return n.subjectId ? { path: ['/posts', n.subjectId], query: null } : null;
    }
  }

  protected async respond(n: Notification, action: 'accept' | 'decline'): Promise<void> {
    const requestId = n.subjectId;
    if (!requestId || this.answers()[n.id]) return;
    this.setAnswer(n.id, action === 'accept' ? 'accepting' : 'declining');
    try {
      if (action === 'accept') await firstValueFrom(this.friends.accept(requestId));
      else await firstValueFrom(this.friends.decline(requestId));
      this.setAnswer(n.id, action === 'accept' ? 'accepted' : 'declined');
    } catch (err) {
      this.setAnswer(n.id, null);
      this.notices.error(err);
    }
  }

  private setAnswer(id: string, answer: Answer | null): void {
    this.answers.update((all) => {
      const next = { ...all };
      if (answer) next[id] = answer;
      else delete next[id];
      return next;
    });
  }

  private async markShownRead(): Promise<void> {
    if (this.store.state() !== 'ready') return;
    const unread = this.store
      .items()
      .filter((n) => !n.read)
      .map((n) => n.id);
    if (unread.length) await this.store.markRead(unread);
  }
}
