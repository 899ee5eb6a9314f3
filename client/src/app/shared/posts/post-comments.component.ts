import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  input,
  type OnInit,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { type Comment, COMMENT_CONTENT_MAX } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../core/i18n/ui-message';
import { NoticeService } from '../../core/notice/notice.service';
import { AvatarComponent } from '../ui/avatar/avatar.component';
import { ConfirmDialogComponent } from '../ui/confirm-dialog/confirm-dialog.component';
import { LinkedTextComponent } from '../ui/linked-text/linked-text.component';
import { formatRelative } from '../util/person-format';
import { PostsApiService } from './posts-api.service';

/**
 * A post's comments, oldest first, a page at a time ("Show more" brings the next, newer ones), a box
 * to add one, and Delete on my own comments or on any under my post.
 */
@Component({
  selector: 'wit-post-comments',
  imports: [RouterLink, TranslatePipe, UiMessagePipe, AvatarComponent, ConfirmDialogComponent, LinkedTextComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="comments" data-testid="post-comments" [attr.aria-label]="'posts.comments.title' | t">
      @if (error(); as e) {
        <div class="alert alert--error" role="alert">
          <p>{{ 'posts.comments.loadError' | t }} {{ e | msg }}</p>
          <button type="button" class="btn btn--sm" (click)="loadMore()">{{ 'posts.retry' | t }}</button>
        </div>
      }
      @if (items().length) {
        <ul class="comments__list">
          @for (c of items(); track c.id) {
            <li class="comment" data-testid="comment" [attr.data-comment-id]="c.id">
              <a [routerLink]="['/people', c.author.id]" class="comment__pic" tabindex="-1" aria-hidden="true">
                <wit-avatar [name]="c.author.displayName" [url]="c.author.avatarUrl" [size]="32" />
              </a>
              <div class="comment__bubble">
                <div class="comment__head">
                  <a class="comment__who" [routerLink]="['/people', c.author.id]">{{ c.author.displayName }}</a>
                  <time class="comment__time" [attr.datetime]="c.createdAt">{{ when(c.createdAt) }}</time>
                </div>
                <wit-linked-text class="comment__text" data-testid="comment-text" [text]="c.content" />
              </div>
              @if (canDelete(c)) {
                <button
                  type="button"
                  class="comment__delete"
                  data-testid="comment-delete"
                  [attr.aria-label]="'posts.comments.delete' | t"
                  (click)="deleting.set(c)"
                >
                  <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
                    <path
                      d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3"
                      fill="none"
                      stroke="currentColor"
                      stroke-width="2"
                      stroke-linecap="round"
                      stroke-linejoin="round"
                    />
                  </svg>
                </button>
              }
            </li>
          }
        </ul>
      } @else if (loading()) {
        <p class="comments__note" role="status">
          <span class="spinner" aria-hidden="true"></span> {{ 'app.loading' | t }}
        </p>
      } @else if (!error()) {
        <p class="comments__note" data-testid="comments-empty">{{ 'posts.comments.empty' | t }}</p>
      }
      @if (nextCursor() && items().length) {
        <button
          type="button"
          class="btn btn--ghost btn--sm comments__more"
          data-testid="comments-more"
          [disabled]="loading()"
          (click)="loadMore()"
        >
          @if (loading()) {
            <span class="spinner" aria-hidden="true"></span>
          }
          {{ 'posts.comments.more' | t }}
        </button>
      }
      <form class="comments__form" data-testid="comment-form" (submit)="$event.preventDefault(); send()">
        <label class="visually-hidden" [for]="'comment-input-' + postId()">{{ 'posts.comments.add' | t }}</label>
        <textarea
          #box
          class="input comments__input"
          rows="1"
          data-testid="comment-input"
          [id]="'comment-input-' + postId()"
          [attr.maxlength]="max"
          [placeholder]="'posts.comments.placeholder' | t"
          [value]="draft()"
          (input)="draft.set(box.value); sendError.set(null)"
          (keydown.enter)="onEnter($event)"
        ></textarea>
        <button
          type="submit"
          class="btn btn--primary btn--sm"
          data-testid="comment-send"
          [disabled]="!draft().trim() || sending()"
        >
          {{ 'posts.comments.send' | t }}
        </button>
      </form>
      @if (sendError(); as e) {
        <p class="field__error" role="alert" data-testid="comment-error">{{ e | msg }}</p>
      }
    </section>
    <wit-confirm-dialog
      [open]="!!deleting()"
      [heading]="'posts.comments.deleteTitle' | t"
      [text]="'posts.comments.deleteText' | t"
      [confirmLabel]="'posts.comments.delete' | t"
      [danger]="true"
      [busy]="removing()"
      (confirmed)="remove()"
      (closed)="deleting.set(null)"
    />
  `,
  styles: `
    .comments {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
      padding-top: var(--wit-space-3);
      border-top: 1px solid var(--wit-color-border);
    }
    .comments__list {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .comment {
      display: flex;
      align-items: flex-start;
      gap: var(--wit-space-2);
    }
    .comment__pic {
      display: inline-flex;
    }
    .comment__bubble {
      flex: 1;
      min-width: 0;
      padding: var(--wit-space-2) var(--wit-space-3);
      border-radius: var(--wit-radius-md);
      background: var(--wit-color-surface-muted);
    }
    .comment__head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 var(--wit-space-2);
    }
    .comment__who {
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-semibold);
      color: var(--wit-color-text);
    }
    .comment__time {
      font-size: var(--wit-text-xs);
      color: var(--wit-color-text-muted);
    }
    .comment__text {
      display: block;
      font-size: var(--wit-text-sm);
    }
    .comment__delete {
      display: grid;
      place-items: center;
      flex: none;
      width: 32px;
      height: 32px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      color: var(--wit-color-text-muted);
      background: transparent;
      cursor: pointer;
    }
    .comment__delete:hover {
      color: var(--wit-color-danger);
      background: var(--wit-color-danger-soft);
    }
    .comments__note {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .comments__more {
      align-self: flex-start;
    }
    .comments__form {
      display: flex;
      align-items: flex-end;
      gap: var(--wit-space-2);
    }
    .comments__input {
      flex: 1;
      min-width: 0;
      min-height: 40px;
      resize: vertical;
      font: inherit;
    }
  `,
})
export class PostCommentsComponent implements OnInit {
  private readonly api = inject(PostsApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notices = inject(NoticeService);

  readonly postId = input.required<string>();
  readonly postAuthorId = input.required<string>();
  /** The post's comment count as the card shows it (live `post:counts` included). */
  readonly count = input(0);
  /**
   * The count after a comment was added or deleted here. The server also announces the new count
   * on the socket, and that may land before or after the request's answer: counting from the value
   * when the request left, and never going back past a count the socket already brought, gives the
   * same number in either order.
   */
  readonly countChange = output<number>();

  protected readonly max = COMMENT_CONTENT_MAX;
  protected readonly items = signal<readonly Comment[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly draft = signal('');
  private readonly box = viewChild<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<UiMessage | null>(null);
  protected readonly deleting = signal<Comment | null>(null);
  protected readonly removing = signal(false);
  private started = false;

  private readonly meId = computed(() => this.auth.me()?.id ?? null);

  ngOnInit(): void {
    void this.loadMore();
  }

  protected canDelete(c: Comment): boolean {
    const me = this.meId();
    return !!me && (c.author.id === me || this.postAuthorId() === me);
  }

  protected when(iso: string): string {
    return formatRelative(iso, this.i18n.lang());
  }

  protected async loadMore(): Promise<void> {
    if (this.loading() || (this.started && !this.nextCursor() && !this.error())) return;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.api.comments(this.postId(), this.nextCursor()));
      this.started = true;
      const known = new Set(this.items().map((c) => c.id));
      this.items.update((items) => [...items, ...page.items.filter((c) => !known.has(c.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      this.error.set(genericErrorMessage(err));
    } finally {
      this.loading.set(false);
    }
  }

  /** Enter sends, Shift+Enter starts a new line. */
  protected onEnter(event: Event): void {
    if ((event as KeyboardEvent).shiftKey || (event as KeyboardEvent).isComposing) return;
    event.preventDefault();
    void this.send();
  }

  protected async send(): Promise<void> {
    const content = this.draft().trim();
    if (!content || this.sending()) return;
    this.sending.set(true);
    this.sendError.set(null);
    const before = this.count();
    // The box empties at once, so what is typed while this one is on its way starts the next
    // comment (and is not wiped when the answer comes); a failure puts the text back.
    this.draft.set('');
    const box = this.box()?.nativeElement;
    if (box) box.value = '';
    try {
      const comment = await firstValueFrom(this.api.addComment(this.postId(), content));
      // Oldest first: a comment of mine goes at the end once the older ones are all shown; until
      // then the page that holds it brings it.
      if (!this.nextCursor()) this.items.update((items) => [...items, comment]);
      this.countChange.emit(Math.max(this.count(), before + 1));
    } catch (err) {
      if (!this.draft()) {
        this.draft.set(content);
        if (box) box.value = content;
      }
      this.sendError.set(genericErrorMessage(err));
    } finally {
      this.sending.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const c = this.deleting();
    if (!c || this.removing()) return;
    this.removing.set(true);
    const before = this.count();
    try {
      await firstValueFrom(this.api.deleteComment(this.postId(), c.id));
      this.items.update((items) => items.filter((x) => x.id !== c.id));
      this.countChange.emit(Math.max(0, Math.min(this.count(), before - 1)));
      this.deleting.set(null);
    } catch (err) {
      this.notices.error(err);
    } finally {
      this.removing.set(false);
    }
  }
}
