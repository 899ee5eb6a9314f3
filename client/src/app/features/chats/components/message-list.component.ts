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
  linkedSignal,
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
import {
  countAfter,
  extendWindow,
  latestWindow,
  messageKey,
  type MessageWindow,
  reconcileWindow,
  windowGroups,
} from '../data-access/message-window';
import { MessageBubbleComponent } from './message-bubble.component';

/** Within this many pixels of the bottom counts as "at the bottom" (newest message visible). */
const BOTTOM_SLACK_PX = 48;
/** Start loading older history (or widen the window upward) this close to the top. */
const TOP_PRELOAD_PX = 240;
/** Widen the window downward this close to the bottom of what is rendered. */
const BOTTOM_PRELOAD_PX = 240;
/** Farther than this from the bottom, the jump-to-latest button shows. */
const JUMP_SHOW_PX = 400;

/** A rendered message and where it sat relative to the top of the viewport. */
interface ScrollAnchor {
  key: string;
  offset: number;
}

/**
 * The room's message log, oldest at the top, grouped by author and day. Only a window of at most
 * WINDOW_MAX messages is in the DOM: it widens toward the edge the reader approaches (older pages
 * are fetched once the window reaches the oldest loaded message) and drops messages on the far
 * side. The message at the top of the viewport is measured before each change and put back after
 * render, so nothing jumps when messages come or go above or below. It follows new messages while
 * the reader is at the bottom, otherwise counts them on the jump-to-latest button, and reports when
 * the newest message is on screen (to mark the room read). Groups are laid out for real (no
 * content-visibility): an estimated height above the viewport would turn into a jump the moment it
 * is measured, and a bounded window keeps layout cheap anyway.
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
          } @else if (window().start > 0 || hasOlder()) {
            <button type="button" class="btn btn--ghost btn--sm" data-testid="load-older" (click)="showOlder()">
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

        @for (group of rendered(); track group.key) {
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
              @if (!group.mine && showNames() && group.complete) {
                <span class="group__name">{{ group.author.displayName }}</span>
              }
              <div class="group__messages">
                @for (m of group.messages; track m.clientId ?? m.id) {
                  <wit-message-bubble
                    [message]="m"
                    [mine]="group.mine"
                    [canEdit]="group.mine"
                    [canDelete]="group.mine || isAdmin()"
                    [seen]="seenIds().has(m.id)"
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
        [class.jump--count]="newCount() > 0"
        data-testid="jump-latest"
        (click)="jumpToLatest()"
        [attr.aria-label]="jumpLabel()"
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
        @if (newCount() > 0) {
          <span class="jump__count" data-testid="jump-latest-count" aria-hidden="true">{{ newLabel() }}</span>
        }
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
  /** My messages someone else has read (RoomStore.seenIds). */
  readonly seenIds = input<ReadonlySet<string>>(new Set());
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
  private readonly keys = computed(() => this.messages().map(messageKey));
  private readonly groups = computed(() => groupMessages(this.messages(), this.myId()));
  /** The rendered slice of the list; follows list changes and moves when the reader nears an edge. */
  protected readonly window = linkedSignal<readonly string[], MessageWindow>({
    source: this.keys,
    computation: (keys, previous) =>
      previous
        ? reconcileWindow(previous.source, previous.value, keys, {
            follow: this.stick || this.justSentByMe(previous.source),
          })
        : latestWindow(keys.length),
  });
  protected readonly rendered = computed(() => windowGroups(this.groups(), this.window()));
  protected readonly showJump = signal(false);
  /** Messages from others that arrived while the reader was away from the bottom. */
  protected readonly newCount = signal(0);
  protected readonly newLabel = computed(() => this.i18n.t('chats.room.newMessages', { n: this.newCount() }));
  protected readonly jumpLabel = computed(() =>
    this.newCount() > 0
      ? `${this.i18n.t('chats.room.jumpToLatest')}: ${this.newLabel()}`
      : this.i18n.t('chats.room.jumpToLatest'),
  );
  protected readonly skeleton = [46, 38, 62, 30, 54, 42];

  /** Distance from the bottom edge, kept up to date for a render that cannot find its anchor. */
  private fromBottom = 0;
  /**
   * The reader is at the bottom of the newest messages: growing content (new messages, images,
   * lazily laid-out groups) keeps it there.
   */
  private stick = true;
  /** The message at the top of the viewport as of the last scroll, resize or render. */
  private anchor: ScrollAnchor | null = null;
  private lastKey: string | null = null;
  private initialScrollDone = false;

  constructor() {
    afterRenderEffect({
      write: () => {
        const groups = this.rendered();
        // The top row (button, spinner, start of history) changes height above everything else.
        this.loadingOlder();
        this.hasOlder();
        untracked(() => this.afterWindowRendered(groups.length));
      },
    });
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        const el = this.scroller().nativeElement;
        if (this.stick) el.scrollTop = el.scrollHeight;
        this.fromBottom = el.scrollHeight - el.scrollTop;
        this.anchor = this.measureAnchor();
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
    this.newCount.set(0);
  }

  /** Brings the window back to the newest messages and scrolls there. */
  protected jumpToLatest(): void {
    const total = this.keys().length;
    const current = this.window();
    if (current.end === total) {
      this.scrollToBottom(true);
      return;
    }
    // Far back in history: swap in the newest messages and land on the bottom once they render.
    this.stick = true;
    this.anchor = null;
    this.window.set(latestWindow(total));
    this.showJump.set(false);
    this.newCount.set(0);
  }

  /** The button at the top: older messages already in memory first, then the next page. */
  protected showOlder(): void {
    this.anchor = this.measureAnchor();
    if (this.window().start > 0) this.window.set(extendWindow(this.window(), this.keys().length, 'up'));
    else this.loadOlder.emit();
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.fromBottom = el.scrollHeight - el.scrollTop;
    this.anchor = this.measureAnchor();
    const total = this.keys().length;
    const range = this.window();
    const atEnd = range.end === total;
    const atBottom = this.isAtBottom(el) && atEnd;
    this.stick = atBottom;
    const belowPx = el.scrollHeight - el.scrollTop - el.clientHeight;
    this.showJump.set(!atBottom && (belowPx > JUMP_SHOW_PX || !atEnd || this.newCount() > 0));
    if (atBottom) {
      this.newCount.set(0);
      this.reportIfAtBottom();
    }
    if (!this.initialScrollDone) return;
    if (el.scrollTop < TOP_PRELOAD_PX) {
      if (range.start > 0) this.window.set(extendWindow(range, total, 'up'));
      else if (this.hasOlder() && !this.loadingOlder()) this.loadOlder.emit();
    } else if (belowPx < BOTTOM_PRELOAD_PX && !atEnd) {
      this.window.set(extendWindow(range, total, 'down'));
    }
  }

  private isAtBottom(el: HTMLElement): boolean {
    return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
  }

  private reportIfAtBottom(): void {
    const el = this.scroller().nativeElement;
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    if (this.window().end === this.keys().length && this.isAtBottom(el)) this.newestVisible.emit();
  }

  /** The newest message is one I just sent from here (so the view goes to it). */
  private justSentByMe(previousKeys: readonly string[]): boolean {
    const last = this.messages().at(-1);
    return (
      !!last && last.state === 'pending' && last.author.id === this.myId() && previousKeys.at(-1) !== messageKey(last)
    );
  }

  /**
   * The first message whose bottom is below the viewport's top edge, found by bisection (rendered
   * messages are in document order, top to bottom).
   */
  private measureAnchor(): ScrollAnchor | null {
    const el = this.scroller().nativeElement;
    const items = el.querySelectorAll<HTMLElement>('[data-testid="message"]');
    if (!items.length) return null;
    const top = el.getBoundingClientRect().top;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].getBoundingClientRect().bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    const item = items[lo];
    const key = item.dataset['clientId'] ?? item.dataset['messageId'];
    return key ? { key, offset: item.getBoundingClientRect().top - top } : null;
  }

  private findMessage(key: string): HTMLElement | null {
    // Compared in code rather than by a selector: a client id is whatever the sender's client chose.
    const items = this.scroller().nativeElement.querySelectorAll<HTMLElement>('[data-testid="message"]');
    for (const item of Array.from(items)) {
      if ((item.dataset['clientId'] ?? item.dataset['messageId']) === key) return item;
    }
    return null;
  }

  /** Puts the anchor message back where it was on screen; true when it could. */
  private restoreAnchor(): boolean {
    const anchor = this.anchor;
    const item = anchor ? this.findMessage(anchor.key) : null;
    if (!anchor || !item) return false;
    const el = this.scroller().nativeElement;
    const offset = item.getBoundingClientRect().top - el.getBoundingClientRect().top;
    const delta = offset - anchor.offset;
    if (delta) el.scrollTop += delta;
    return true;
  }

  private afterWindowRendered(groupCount: number): void {
    const el = this.scroller().nativeElement;
    const list = this.messages();
    const keys = this.keys();
    const range = this.window();
    const last = keys.at(-1) ?? null;
    const appended = last !== this.lastKey;
    const arrived = countAfter(keys, this.lastKey);
    const lastMessage = list.at(-1);
    const mineLast = appended && lastMessage?.author.id === this.myId();
    const atEnd = range.end === keys.length;

    if (!keys.length) {
      // Emptied (the page switched rooms): the next history lands at the bottom again.
      this.initialScrollDone = false;
      this.stick = true;
      this.anchor = null;
      this.showJump.set(false);
      this.newCount.set(0);
    } else if (!this.initialScrollDone) {
      if (groupCount) {
        this.scrollToBottom();
        this.initialScrollDone = true;
      }
    } else if (atEnd && (this.stick || mineLast)) {
      this.scrollToBottom();
    } else {
      // Something came or went above or below: keep the message at the top of the view in place
      // (or, when that message is gone, the distance from the bottom).
      if (!this.restoreAnchor()) el.scrollTop = el.scrollHeight - this.fromBottom;
      // The window may just have reached the newest message under the reader.
      this.stick = atEnd && this.isAtBottom(el);
      if (appended && arrived > 0) {
        const fromOthers = list.slice(-arrived).filter((m) => m.author.id !== this.myId()).length;
        if (fromOthers) this.newCount.update((n) => n + fromOthers);
        this.showJump.set(true);
      }
    }
    this.fromBottom = el.scrollHeight - el.scrollTop;
    this.anchor = this.measureAnchor();
    this.lastKey = last;
    if (appended || !this.initialScrollDone) this.reportIfAtBottom();
    // A window (or first page) that does not fill the view: widen it, or fetch more, so the user can scroll at all.
    // (Not while hidden, when nothing ever fills it.)
    if (this.initialScrollDone && el.clientHeight > 0 && el.scrollHeight <= el.clientHeight) {
      if (range.start > 0) this.window.set(extendWindow(range, keys.length, 'up'));
      else if (this.hasOlder() && !this.loadingOlder()) this.loadOlder.emit();
    }
  }
}
