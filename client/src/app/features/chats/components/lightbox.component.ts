import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { ChatMessage } from '../data-access/chat-models';
import { ChatDialogComponent } from './chat-dialog.component';

/** The full-size image of a message; Escape or a click outside closes it, focus stays inside while open. */
@Component({
  selector: 'wit-lightbox',
  imports: [ChatDialogComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-chat-dialog
      [open]="!!message()"
      [bare]="true"
      testId="lightbox"
      [label]="'chats.lightbox.title' | t"
      (closed)="closed.emit()"
    >
      @if (message(); as m) {
        @if (m.image; as image) {
          <figure class="lightbox">
            <img
              class="lightbox__img"
              [src]="m.localImageUrl ?? image.url"
              [attr.width]="image.width"
              [attr.height]="image.height"
              [alt]="'chats.msg.image' | t: { name: m.author.displayName }"
            />
            <figcaption class="lightbox__bar">
              <span class="lightbox__who">{{ m.author.displayName }}</span>
              <a class="lightbox__link" [href]="image.url" target="_blank" rel="noopener noreferrer">{{
                'chats.lightbox.openOriginal' | t
              }}</a>
              <button
                type="button"
                class="lightbox__close"
                data-testid="lightbox-close"
                autofocus
                (click)="closed.emit()"
                [attr.aria-label]="'common.close' | t"
              >
                <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
              </button>
            </figcaption>
          </figure>
        }
      }
    </wit-chat-dialog>
  `,
  styles: `
    .lightbox {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--wit-space-3);
      margin: 0;
    }
    .lightbox__img {
      display: block;
      max-width: calc(100vw - 32px);
      max-height: calc(100vh - 110px);
      width: auto;
      height: auto;
      border-radius: var(--wit-radius-md);
      box-shadow: 0 20px 60px rgb(0 0 0 / 45%);
      background: #111;
    }
    .lightbox__bar {
      display: flex;
      align-items: center;
      gap: var(--wit-space-4);
      color: #fff;
    }
    .lightbox__who {
      font-weight: var(--wit-weight-semibold);
    }
    .lightbox__link {
      color: #c7d2fe;
    }
    .lightbox__close {
      display: grid;
      place-items: center;
      width: 44px;
      height: 44px;
      border: 0;
      border-radius: 50%;
      color: #fff;
      background: rgb(255 255 255 / 16%);
      cursor: pointer;
    }
    .lightbox__close:hover {
      background: rgb(255 255 255 / 28%);
    }
  `,
})
export class LightboxComponent {
  readonly message = input<ChatMessage | null>(null);
  readonly closed = output<void>();
}
