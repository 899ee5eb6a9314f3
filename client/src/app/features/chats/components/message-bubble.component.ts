import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MESSAGE_MAX } from '@world-it/contracts';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatClock } from '../data-access/chat-format';
import type { ChatMessage } from '../data-access/chat-models';
import { MessageTextComponent } from './message-text.component';

/** One message: image, text, time and delivery state, with edit/delete for those allowed. */
@Component({
  selector: 'wit-message-bubble',
  imports: [TranslatePipe, MessageTextComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'msg',
    '[class.msg--mine]': 'mine()',
    '[class.msg--pending]': "message().state === 'pending'",
    '[class.msg--failed]': "message().state === 'failed'",
    '[class.msg--image]': '!!message().image && !message().content',
    '[attr.tabindex]': '0',
    '[attr.aria-label]': 'label()',
    'data-testid': 'message',
    '[attr.data-message-id]': 'message().id',
    '[attr.data-client-id]': 'message().clientId',
    '[attr.data-pending]': "message().state === 'pending' ? 'true' : null",
    '[attr.data-failed]': "message().state === 'failed' ? 'true' : null",
    '(keydown)': 'onHostKey($event)',
  },
  template: `
    @let m = message();
    @if (m.image; as image) {
      <button
        type="button"
        class="msg__image"
        (click)="openImage.emit(m)"
        [attr.aria-label]="'chats.msg.openImage' | t"
      >
        <img
          [src]="m.localImageUrl ?? image.thumbUrl"
          [attr.width]="image.width"
          [attr.height]="image.height"
          [style.aspect-ratio]="image.width + ' / ' + image.height"
          [alt]="'chats.msg.image' | t: { name: m.author.displayName }"
          loading="lazy"
        />
      </button>
    }
    @if (m.imageRemoved && !m.image) {
      <span class="msg__removed" data-testid="message-image-removed">{{ 'chats.msg.imageRemoved' | t }}</span>
    }
    @if (editing()) {
      <form class="msg__edit" (submit)="$event.preventDefault(); saveEdit()">
        <label class="visually-hidden" [for]="'edit-' + m.id">{{ 'chats.msg.editLabel' | t }}</label>
        <textarea
          #editor
          class="msg__editor"
          data-testid="message-edit-input"
          [id]="'edit-' + m.id"
          rows="2"
          [maxLength]="maxLength"
          [value]="draft()"
          (input)="draft.set(editor.value)"
          (keydown)="onEditKey($event)"
        ></textarea>
        <div class="msg__edit-actions">
          <span class="msg__hint">{{ 'chats.msg.editHint' | t }}</span>
          <button type="button" class="link-btn" (click)="cancelEdit()">{{ 'common.cancel' | t }}</button>
          <button
            type="submit"
            class="link-btn link-btn--strong"
            data-testid="message-edit-save"
            [disabled]="!draft().trim()"
          >
            {{ 'common.save' | t }}
          </button>
        </div>
      </form>
    } @else if (m.content) {
      <wit-message-text class="msg__text" data-testid="message-text" [text]="m.content" />
    }
    <span class="msg__meta">
      @if (m.editedAt) {
        <span class="msg__edited" data-testid="message-edited">{{ 'chats.msg.edited' | t }}</span>
      }
      <time [attr.datetime]="m.createdAt">{{ time() }}</time>
      @switch (m.state) {
        @case ('pending') {
          <svg
            class="msg__state"
            width="14"
            height="14"
            viewBox="0 0 24 24"
            role="img"
            [attr.aria-label]="'chats.msg.pending' | t"
          >
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M12 7v5l3 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        }
        @case ('sent') {
          @if (mine()) {
            <svg
              class="msg__state"
              [class.msg__state--seen]="seen()"
              width="16"
              height="14"
              viewBox="0 0 28 24"
              role="img"
              [attr.aria-label]="(seen() ? 'chats.msg.seen' : 'chats.msg.delivered') | t"
              [attr.data-testid]="seen() ? 'message-seen' : null"
            >
              <path
                d="M3 13l5 5L19 6"
                fill="none"
                stroke="currentColor"
                stroke-width="2.4"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
              @if (seen()) {
                <path
                  d="M13 17l1 1L25 6"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="2.4"
                  stroke-linecap="round"
                  stroke-linejoin="round"
                />
              }
            </svg>
          }
        }
        @case ('failed') {
          <span class="msg__failed" role="status">{{ 'chats.msg.failed' | t }}</span>
        }
      }
    </span>
    @if (m.state === 'failed' && m.clientId) {
      <div class="msg__retry">
        <!-- A block refuses every retry alike; the composer says why. -->
        @if (m.errorCode !== 'blocked') {
          <button
            type="button"
            class="link-btn link-btn--strong"
            data-testid="message-retry"
            (click)="retry.emit(m.clientId)"
          >
            {{ 'chats.msg.retry' | t }}
          </button>
        }
        <button type="button" class="link-btn" (click)="discard.emit(m.clientId)">{{ 'chats.msg.discard' | t }}</button>
      </div>
    }
    @if (m.state === 'sent' && !editing() && (canEdit() || canDelete())) {
      <div class="msg__actions" role="group" [attr.aria-label]="'chats.msg.actions' | t">
        @if (canEdit() && m.content) {
          <button
            type="button"
            class="msg__action"
            data-testid="message-edit"
            (click)="startEdit()"
            [attr.aria-label]="'chats.msg.edit' | t"
            [title]="'chats.msg.edit' | t"
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M4 20h4L19 9l-4-4L4 16v4Z"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linejoin="round"
              />
            </svg>
          </button>
        }
        @if (canDelete()) {
          <button
            type="button"
            class="msg__action"
            data-testid="message-delete"
            (click)="remove.emit(m)"
            [attr.aria-label]="'chats.msg.delete' | t"
            [title]="'chats.msg.delete' | t"
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
            </svg>
          </button>
        }
      </div>
    }
  `,
  styleUrl: './message-bubble.component.css',
})
export class MessageBubbleComponent {
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);

  readonly message = input.required<ChatMessage>();
  readonly mine = input(false);
  readonly canEdit = input(false);
  readonly canDelete = input(false);
  /** Set on my message once someone else has read it (direct: the peer; group: any other member). */
  readonly seen = input(false);
  readonly edit = output<{ message: ChatMessage; content: string }>();
  readonly remove = output<ChatMessage>();
  readonly retry = output<string>();
  readonly discard = output<string>();
  readonly openImage = output<ChatMessage>();

  protected readonly maxLength = MESSAGE_MAX;
  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  private readonly editor = viewChild<ElementRef<HTMLTextAreaElement>>('editor');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly time = computed(() => formatClock(this.message().createdAt, this.i18n.lang()));
  protected readonly label = computed(() => {
    const m = this.message();
    const who = this.mine() ? this.i18n.t('chats.msg.you') : m.author.displayName;
    const body = m.content || (m.image ? this.i18n.t('chats.photoLabel') : '');
    return `${who}, ${this.time()}: ${body}`;
  });

  startEdit(): void {
    this.draft.set(this.message().content);
    this.editing.set(true);
    afterNextRender(
      () => {
        const el = this.editor()?.nativeElement;
        el?.focus();
        el?.setSelectionRange(el.value.length, el.value.length);
      },
      { injector: this.injector },
    );
  }

  cancelEdit(): void {
    this.editing.set(false);
    this.host.nativeElement.focus();
  }

  saveEdit(): void {
    const content = this.draft().trim();
    if (!content) return;
    this.editing.set(false);
    if (content !== this.message().content) this.edit.emit({ message: this.message(), content });
    this.host.nativeElement.focus();
  }

  protected onEditKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.cancelEdit();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit();
    }
  }

  /** Keyboard on a focused message: E edits, Delete removes (when allowed). */
  protected onHostKey(event: KeyboardEvent): void {
    if (event.target !== this.host.nativeElement || this.message().state !== 'sent') return;
    if ((event.key === 'e' || event.key === 'E') && this.canEdit() && this.message().content) {
      event.preventDefault();
      this.startEdit();
    } else if (event.key === 'Delete' && this.canDelete()) {
      event.preventDefault();
      this.remove.emit(this.message());
    }
  }
}
