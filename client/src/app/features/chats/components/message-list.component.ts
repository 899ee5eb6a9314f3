import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { formatDay } from '../data-access/chat-format';
import type { ChatMessage } from '../data-access/chat-models';
import { groupMessages } from '../data-access/message-grouping';
import { MessageBubbleComponent } from './message-bubble.component';

/** Within this many pixels of the bottom counts as "at the bottom" (newest message visible). */
const BOTTOM_SLACK_PX = 48;
/** Start loading older history this close to the top. */
const TOP_PRELOAD_PX = 240;

/**
 * The room's message log, oldest at the top, grouped by author and day. Keeps the reading position
 * when older pages are prepended, follows new messages while the reader is at the bottom, and
 * reports when the newest message is on screen (to mark the room read). Off-screen groups skip
 * layout and paint (content-visibility), so long histories stay cheap.
 */
@Component({
  selector: 'wit-message-list',
  imports: [TranslatePipe, AvatarComponent, MessageBubbleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      #scroller
      class="log"
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      [attr.aria-label]="'chats.room.history' | t"
      [attr.aria-busy]="loadingOlder()"
      data-testid="message-list"
      (scroll)="onScroll()"
    >
      <div #content class="log__content">
        <div class="log__top">
          @if (loadingOlder()) {
            <span class="log__loading" role="status"
              ><span class="spinner" aria-hidden="true"></span>{{ 'chats.room.loadingOlder' | t }}</span
            >
          } @else if (hasOlder()) {
            <button type="button" class="btn btn--ghost btn--sm" data-testid="load-older" (click)="loadOlder.emit()">
              {{ 'chats.room.loadOlder' | t }}
            </button>
          } @else if (historyReady() && messages().length) {
            <span class="log__start">{{ 'chats.room.historyStart' | t }}</span>
          }
        </div>

        @if (!historyReady() && !messages().length) {
          <div class="log__skeleton" aria-hidden="true">
            @for (w of skeleton; track $index) {
              <span class="sk" [class.sk--mine]="$index % 3 === 1" [style.width.%]="w"></span>
            }
          </div>
        } @else if (!messages().length) {
          <p class="log__empty">{{ 'chats.room.empty' | t }}</p>
        }

        @for (group of groups(); track group.key) {
          @if (group.day) {
            <div class="day" role="separator">
              <span>{{ dayLabel(group.day) }}</span>
            </div>
          }
          <div class="group" [class.group--mine]="group.mine">
            @if (!group.mine) {
              <wit-avatar
                class="group__avatar"
                [name]="group.author.displayName"
                [url]="group.author.avatarUrl"
                [size]="34"
              />
            }
            <div class="group__body">
              @if (!group.mine && showNames()) {
                <span class="group__name">{{ group.author.displayName }}</span>
              }
              <div class="group__messages">
                @for (m of group.messages; track m.clientId ?? m.id) {
                  <wit-message-bubble
                    [message]="m"
                    [mine]="group.mine"
                    [canEdit]="group.mine"
                    [canDelete]="group.mine || isAdmin()"
                    [seen]="m.id === seenMessageId()"
                    (edit)="edit.emit($event)"
                    (remove)="remove.emit($event)"
                    (retry)="retry.emit($event)"
                    (discard)="discard.emit($event)"
                    (openImage)="openImage.emit($event)"
                  />
                }
              </div>
            </div>
          </div>
        }
      </div>
    </div>
    @if (showJump()) {
      <button
        type="button"
        class="jump"
        (click)="scrollToBottom(true)"
        [attr.aria-label]="'chats.room.jumpToLatest' | t"
      >
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M12 5v14M6 13l6 6 6-6"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      </button>
    }
  `,
  styleUrl: './message-list.component.css',
})
export class MessageListComponent {
  private readonly i18n = inject(I18nService);

  readonly messages = input.required<readonly ChatMessage[]>();
  readonly myId = input<string | null>(null);
  readonly isAdmin = input(false);
  /** Group rooms show author names above groups; direct rooms do not need them. */
  readonly showNames = input(true);
  readonly seenMessageId = input<string | null>(null);
  readonly hasOlder = input(false);
  readonly loadingOlder = input(false);
  readonly historyReady = input(false);

  readonly loadOlder = output<void>();
  /** The newest message is on screen (emitted on scroll and when messages arrive at the bottom). */
  readonly newestVisible = output<void>();
  readonly edit = output<{ message: ChatMessage; content: string }>();
  readonly remove = output<ChatMessage>();
  readonly retry = output<string>();
  readonly discard = output<string>();
  readonly openImage = output<ChatMessage>();

  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');
  protected readonly groups = computed(() => groupMessages(this.messages(), this.myId()));
  protected readonly showJump = signal(false);
  protected readonly skeleton = [46, 38, 62, 30, 54, 42];

  /** Distance from the bottom edge, kept up to date so a prepend can restore it. */
  private fromBottom = 0;
  /** The reader is at the bottom: growing content (new messages, images, lazily laid-out groups) keeps it there. */
  private stick = true;
  private firstId: string | null = null;
  private lastId: string | null = null;
  private initialScrollDone = false;

  constructor() {
    afterRenderEffect({
      write: () => {
        const list = this.messages();
        untracked(() => this.afterMessagesRendered(list));
      },
    });
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        const el = this.scroller().nativeElement;
        if (this.stick) el.scrollTop = el.scrollHeight;
        this.fromBottom = el.scrollHeight - el.scrollTop;
      });
      observer.observe(this.content().nativeElement);
      // The viewport shrinks when the typing line or an attachment preview appears below it.
      observer.observe(this.scroller().nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    const onFocus = (): void => this.reportIfAtBottom();
    globalThis.addEventListener?.('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    destroyRef.onDestroy(() => {
      globalThis.removeEventListener?.('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    });
  }

  protected dayLabel(day: Date): string {
    return formatDay(day, this.i18n.lang(), (k, p) => this.i18n.t(k, p));
  }

  scrollToBottom(smooth = false): void {
    const el = this.scroller().nativeElement;
    el.scrollTo?.({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    if (!el.scrollTo) el.scrollTop = el.scrollHeight;
    this.fromBottom = el.clientHeight;
    this.stick = true;
    this.showJump.set(false);
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.fromBottom = el.scrollHeight - el.scrollTop;
    const atBottom = this.isAtBottom(el);
    this.stick = atBottom;
    this.showJump.set(!atBottom && el.scrollHeight - el.scrollTop - el.clientHeight > 400);
    if (atBottom) this.reportIfAtBottom();
    if (el.scrollTop < TOP_PRELOAD_PX && this.hasOlder() && !this.loadingOlder() && this.initialScrollDone) {
      this.loadOlder.emit();
    }
  }

  private isAtBottom(el: HTMLElement): boolean {
    return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
  }

  private reportIfAtBottom(): void {
    const el = this.scroller().nativeElement;
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    if (this.isAtBottom(el)) this.newestVisible.emit();
  }

  private afterMessagesRendered(list: readonly ChatMessage[]): void {
    const el = this.scroller().nativeElement;
    const first = list[0] ? (list[0].clientId ?? list[0].id) : null;
    const lastMessage = list.at(-1);
    const last = lastMessage ? (lastMessage.clientId ?? lastMessage.id) : null;
    const prepended = this.firstId !== null && first !== this.firstId && this.lastId === last;
    const appended = last !== this.lastId;
    const wasAtBottom = this.stick;

    if (!this.initialScrollDone && list.length) {
      this.scrollToBottom();
      this.initialScrollDone = true;
    } else if (prepended) {
      el.scrollTop = el.scrollHeight - this.fromBottom;
    } else if (appended && (wasAtBottom || lastMessage?.author.id === this.myId())) {
      this.scrollToBottom();
    } else if (appended) {
      this.showJump.set(true);
    }
    this.fromBottom = el.scrollHeight - el.scrollTop;
    this.firstId = first;
    this.lastId = last;
    if (appended || !this.initialScrollDone) this.reportIfAtBottom();
    // A short first page may not fill the view; fetch more so the user can scroll at all.
    if (this.initialScrollDone && el.scrollHeight <= el.clientHeight && this.hasOlder() && !this.loadingOlder()) {
      this.loadOlder.emit();
    }
  }
}
