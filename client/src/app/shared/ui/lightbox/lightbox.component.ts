import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DialogComponent } from '../dialog/dialog.component';

/** One picture the lightbox can show. */
export interface LightboxItem {
  /** Full-size address (or a local object URL while an upload settles). */
  url: string;
  /** The original, for "Open original" (defaults to `url`). */
  originalUrl?: string;
  width: number;
  height: number;
  alt: string;
  /** Shown under the picture (e.g. who sent it). */
  caption?: string | null;
}

/**
 * Full-size pictures, one at a time: Escape or a click outside closes, ← and → (or the buttons)
 * step through `items`, focus stays inside while open. The parent owns `index` (null = closed).
 */
@Component({
  selector: 'wit-lightbox',
  imports: [DialogComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  template: `
    <wit-dialog
      [open]="!!current()"
      [bare]="true"
      testId="lightbox"
      [label]="'chats.lightbox.title' | t"
      (closed)="closed.emit()"
    >
      @if (current(); as item) {
        <figure class="lightbox">
          <div class="lightbox__stage">
            @if (many()) {
              <button
                type="button"
                class="lightbox__nav lightbox__nav--prev"
                data-testid="lightbox-prev"
                [disabled]="index() === 0"
                (click)="step(-1)"
                [attr.aria-label]="'lightbox.prev' | t"
              >
                <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
                  <path d="m15 5-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
              </button>
            }
            <img
              class="lightbox__img"
              data-testid="lightbox-image"
              [src]="item.url"
              [attr.width]="item.width"
              [attr.height]="item.height"
              [alt]="item.alt"
            />
            @if (many()) {
              <button
                type="button"
                class="lightbox__nav lightbox__nav--next"
                data-testid="lightbox-next"
                [disabled]="index() === items().length - 1"
                (click)="step(1)"
                [attr.aria-label]="'lightbox.next' | t"
              >
                <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
                  <path d="m9 5 7 7-7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
              </button>
            }
          </div>
          <figcaption class="lightbox__bar">
            @if (item.caption) {
              <span class="lightbox__who">{{ item.caption }}</span>
            }
            @if (many()) {
              <span class="lightbox__count" data-testid="lightbox-position" aria-live="polite">{{
                'lightbox.position' | t: { n: (index() ?? 0) + 1, total: items().length }
              }}</span>
            }
            <a class="lightbox__link" [href]="item.originalUrl ?? item.url" target="_blank" rel="noopener noreferrer">{{
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
    </wit-dialog>
  `,
  styles: `
    .lightbox {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--wit-space-3);
      margin: 0;
    }
    .lightbox__stage {
      position: relative;
      display: flex;
      align-items: center;
      justify-content: center;
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
    .lightbox__nav {
      position: absolute;
      top: 50%;
      display: grid;
      place-items: center;
      width: 44px;
      height: 44px;
      margin-top: -22px;
      border: 0;
      border-radius: 50%;
      color: #fff;
      background: rgb(15 18 35 / 60%);
      cursor: pointer;
    }
    .lightbox__nav:disabled {
      opacity: 0.35;
      cursor: default;
    }
    .lightbox__nav--prev {
      left: 8px;
    }
    .lightbox__nav--next {
      right: 8px;
    }
    .lightbox__bar {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      align-items: center;
      gap: var(--wit-space-4);
      color: #fff;
    }
    .lightbox__who {
      font-weight: var(--wit-weight-semibold);
    }
    .lightbox__count {
      font-variant-numeric: tabular-nums;
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
    .lightbox__close:hover,
    .lightbox__nav:not(:disabled):hover {
      background: rgb(255 255 255 / 28%);
    }
  `,
})
export class LightboxComponent {
  readonly items = input<readonly LightboxItem[]>([]);
  /** The shown item; null closes the lightbox. */
  readonly index = input<number | null>(null);
  readonly indexChange = output<number>();
  readonly closed = output<void>();

  protected readonly current = computed(() => {
    const i = this.index();
    return i === null ? null : (this.items()[i] ?? null);
  });
  protected readonly many = computed(() => this.items().length > 1);

  protected step(delta: number): void {
    const i = this.index();
    if (i === null) return;
    const next = i + delta;
    if (next >= 0 && next < this.items().length) this.indexChange.emit(next);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (!this.current() || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight') {
      event.preventDefault();
      this.step(1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      this.step(-1);
    }
  }
}
