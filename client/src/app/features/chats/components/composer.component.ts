import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { type Image, MESSAGE_MAX, UPLOAD_MAX_BYTES, UPLOAD_MIME_TYPES } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { errorStatus } from '../../../core/http/api-error';
import { msg, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { ChatApiService } from '../data-access/chat-api.service';

export interface ComposerSend {
  content: string;
  image: { image: Image; previewUrl?: string } | null;
}

interface Attachment {
  file: File;
  previewUrl: string;
  progress: number;
  image: Image | null;
}

/**
 * The message box: grows with its text up to ~8 lines; Enter sends, Shift+Enter breaks the line.
 * An image is uploaded as soon as it is picked (with progress and cancel) and goes out with the
 * next send, the text as its caption.
 */
@Component({
  selector: 'wit-composer',
  imports: [TranslatePipe, UiMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" (submit)="$event.preventDefault(); submit()">
      @if (attachment(); as a) {
        <div class="attach" data-testid="composer-attachment">
          <img class="attach__thumb" [src]="a.previewUrl" alt="" />
          <div class="attach__info">
            <span class="attach__name">{{ a.file.name }}</span>
            @if (!a.image) {
              <div
                class="progress"
                role="progressbar"
                data-testid="upload-progress"
                aria-valuemin="0"
                aria-valuemax="100"
                [attr.aria-valuenow]="a.progress"
                [attr.aria-label]="'chats.composer.uploading' | t: { p: a.progress }"
              >
                <span class="progress__bar" [style.width.%]="a.progress"></span>
              </div>
              <span class="attach__status">{{ 'chats.composer.uploading' | t: { p: a.progress } }}</span>
            } @else {
              <span class="attach__status attach__status--ok">{{ 'chats.composer.ready' | t }}</span>
            }
          </div>
          <button
            type="button"
            class="icon-btn"
            data-testid="upload-cancel"
            (click)="clearAttachment()"
            [attr.aria-label]="(a.image ? 'chats.composer.removeImage' : 'chats.composer.cancelUpload') | t"
          >
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        </div>
      }
      @if (error(); as e) {
        <p class="composer__error" role="alert">{{ e | msg }}</p>
      }
      <div class="composer__row">
        <input
          #file
          class="visually-hidden"
          type="file"
          tabindex="-1"
          data-testid="composer-image"
          [attr.accept]="accept"
          [attr.aria-label]="'chats.composer.attach' | t"
          [disabled]="disabled()"
          (change)="onFile(file)"
        />
        <button
          type="button"
          class="icon-btn icon-btn--attach"
          data-testid="composer-attach"
          [disabled]="disabled()"
          (click)="file.click()"
          [attr.aria-label]="'chats.composer.attach' | t"
          [title]="'chats.composer.attach' | t"
        >
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3" y="4" width="18" height="16" rx="3" fill="none" stroke="currentColor" stroke-width="1.8" />
            <circle cx="9" cy="10" r="2" fill="currentColor" />
            <path
              d="m4 18 5-5 4 4 3-3 4 4"
              fill="none"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linejoin="round"
            />
          </svg>
        </button>
        <label class="visually-hidden" for="composer-input">{{ 'chats.composer.label' | t }}</label>
        <textarea
          #box
          id="composer-input"
          class="composer__input"
          data-testid="composer-input"
          rows="1"
          [maxLength]="maxLength"
          [placeholder]="'chats.composer.placeholder' | t"
          [disabled]="disabled()"
          aria-describedby="composer-hint"
          [value]="text()"
          (input)="onInput(box)"
          (keydown)="onKeydown($event)"
          (blur)="typing.emit(false)"
        ></textarea>
        <span id="composer-hint" class="visually-hidden">{{ 'chats.composer.hint' | t }}</span>
        <button
          type="submit"
          class="send"
          data-testid="composer-send"
          [disabled]="!canSend()"
          [attr.aria-label]="'chats.composer.send' | t"
          [title]="'chats.composer.send' | t"
        >
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 12 20 4l-6 16-3-7-7-1Z" fill="currentColor" />
          </svg>
        </button>
      </div>
    </form>
  `,
  styleUrl: './composer.component.css',
})
export class ComposerComponent {
  private readonly api = inject(ChatApiService);

  readonly disabled = input(false);
  /** Changing room clears the draft and any attachment. */
  readonly roomId = input<string | null>(null);
  readonly send = output<ComposerSend>();
  readonly typing = output<boolean>();

  protected readonly maxLength = MESSAGE_MAX;
  protected readonly accept = UPLOAD_MIME_TYPES.join(',');
  protected readonly text = signal('');
  protected readonly attachment = signal<Attachment | null>(null);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly canSend = computed(() => {
    if (this.disabled()) return false;
    const a = this.attachment();
    if (a) return !!a.image;
    return this.text().trim().length > 0;
  });

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  private uploadSub: Subscription | null = null;

  constructor() {
    effect(() => {
      this.roomId();
      untracked(() => {
        this.text.set('');
        this.clearAttachment();
        this.error.set(null);
      });
    });
    inject(DestroyRef).onDestroy(() => this.clearAttachment());
  }

  focus(): void {
    this.box().nativeElement.focus();
  }

  protected onInput(box: HTMLTextAreaElement): void {
    this.text.set(box.value);
    this.resize(box);
    this.typing.emit(box.value.trim().length > 0);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    this.submit();
  }

  submit(): void {
    if (!this.canSend()) return;
    const a = this.attachment();
    this.send.emit({
      content: this.text().trim(),
      image: a?.image ? { image: a.image, previewUrl: a.previewUrl } : null,
    });
    // The preview URL now belongs to the pending message; do not revoke it here.
    this.attachment.set(null);
    this.text.set('');
    this.error.set(null);
    const box = this.box().nativeElement;
    box.value = '';
    this.resize(box);
    box.focus();
  }

  protected onFile(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.error.set(null);
    if (!(UPLOAD_MIME_TYPES as readonly string[]).includes(file.type)) {
      this.error.set(msg('chats.composer.badType'));
      return;
    }
    if (file.size > UPLOAD_MAX_BYTES) {
      this.error.set(msg('chats.composer.tooBig'));
      return;
    }
    this.clearAttachment();
    const previewUrl = URL.createObjectURL(file);
    this.attachment.set({ file, previewUrl, progress: 0, image: null });
    this.uploadSub = this.api.upload(file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const progress = event.total ? Math.round((event.loaded / event.total) * 100) : 0;
          this.attachment.update((a) => (a ? { ...a, progress: Math.min(progress, 99) } : a));
        } else if (event.type === HttpEventType.Response && event.body) {
          const image = event.body;
          this.attachment.update((a) => (a ? { ...a, progress: 100, image } : a));
          this.box().nativeElement.focus();
        }
      },
      error: (err: unknown) => {
        this.clearAttachment();
        const status = errorStatus(err);
        this.error.set(
          msg(
            status === 413
              ? 'chats.composer.tooBig'
              : status === 400
                ? 'chats.composer.badType'
                : 'chats.composer.uploadFailed',
          ),
        );
      },
    });
  }

  clearAttachment(): void {
    this.uploadSub?.unsubscribe();
    this.uploadSub = null;
    const a = this.attachment();
    if (a) URL.revokeObjectURL(a.previewUrl);
    this.attachment.set(null);
  }

  private resize(box: HTMLTextAreaElement): void {
    box.style.height = 'auto';
    if (box.value) box.style.height = `${box.scrollHeight + 2}px`;
  }
}
