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
import { type Image, MESSAGE_MAX } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/en';
import { msg, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { UploadService } from '../../../shared/data-access/upload/upload.service';
import { type UploadProblem, uploadProblemOf } from '../../../shared/data-access/upload/upload-progress';
import { ProgressBarComponent } from '../../../shared/ui/progress-bar/progress-bar.component';
import { IMAGE_ACCEPT, imageFileProblem } from '../../../shared/util/image-file';

const PROBLEM_KEYS: Record<UploadProblem, TranslationKey> = {
  badType: 'chats.composer.badType',
  tooBig: 'chats.composer.tooBig',
  failed: 'chats.composer.uploadFailed',
};

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
  imports: [TranslatePipe, UiMessagePipe, ProgressBarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" (submit)="$event.preventDefault(); submit()">
      @if (attachment(); as a) {
        <div class="attach" data-testid="composer-attachment">
          <img class="attach__thumb" [src]="a.previewUrl" alt="" />
          <div class="attach__info">
            <span class="attach__name">{{ a.file.name }}</span>
            @if (!a.image) {
              <wit-progress-bar
                data-testid="upload-progress"
                [value]="a.progress"
                [label]="'chats.composer.uploading' | t: { p: a.progress }"
              />
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
  private readonly uploads = inject(UploadService);

  readonly disabled = input(false);
  /** Changing room clears the draft and any attachment. */
  readonly roomId = input<string | null>(null);
  readonly send = output<ComposerSend>();
  readonly typing = output<boolean>();

  protected readonly maxLength = MESSAGE_MAX;
  protected readonly accept = IMAGE_ACCEPT;
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
    const problem = imageFileProblem(file);
    if (problem) {
      this.error.set(msg(PROBLEM_KEYS[problem]));
      return;
    }
    this.clearAttachment();
    const previewUrl = URL.createObjectURL(file);
    this.attachment.set({ file, previewUrl, progress: 0, image: null });
    this.uploadSub = this.uploads.upload(file).subscribe({
      next: (step) => {
        if (step.kind === 'progress') {
          this.attachment.update((a) => (a ? { ...a, progress: step.percent } : a));
        } else {
          this.attachment.update((a) => (a ? { ...a, progress: 100, image: step.image } : a));
          this.box().nativeElement.focus();
        }
      },
      error: (err: unknown) => {
        this.clearAttachment();
        this.error.set(msg(PROBLEM_KEYS[uploadProblemOf(err)]));
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
