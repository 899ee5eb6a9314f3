import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Image } from '@world-it/contracts';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** Square thumbnails; a press opens one (the parent shows the lightbox); an optional remove button each. */
@Component({
  selector: 'wit-photo-grid',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="grid" [attr.data-testid]="testId()">
      @for (image of images(); track image.id; let i = $index) {
        <li class="grid__item" data-testid="photo" [attr.data-image-id]="image.id">
          <button
            type="button"
            class="grid__open"
            data-testid="photo-open"
            [attr.aria-label]="'photos.open' | t: { n: i + 1, total: images().length }"
            (click)="open.emit(i)"
          >
            <img [src]="image.thumbUrl" alt="" loading="lazy" [attr.width]="image.width" [attr.height]="image.height" />
          </button>
          @if (removeLabel(); as label) {
            <button
              type="button"
              class="grid__remove"
              data-testid="photo-remove"
              [attr.aria-label]="label"
              [title]="label"
              (click)="remove.emit(image)"
            >
              <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
                @if (removeIcon() === 'trash') {
                  <path
                    d="M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                  />
                } @else {
                  <path d="M6 12h12" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
                }
              </svg>
            </button>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
      gap: var(--wit-space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .grid__item {
      position: relative;
    }
    .grid__open {
      display: block;
      width: 100%;
      aspect-ratio: 1;
      padding: 0;
      border: 0;
      border-radius: var(--wit-radius-sm);
      overflow: hidden;
      background: var(--wit-color-surface-muted);
      cursor: zoom-in;
    }
    .grid__open img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
      transition: transform var(--wit-transition);
    }
    .grid__open:hover img {
      transform: scale(1.04);
    }
    .grid__remove {
      position: absolute;
      top: 6px;
      right: 6px;
      display: grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border: 0;
      border-radius: 50%;
      color: #fff;
      background: rgb(15 18 35 / 65%);
      cursor: pointer;
    }
    .grid__remove:hover,
    .grid__remove:focus-visible {
      background: var(--wit-color-danger);
    }
    @media (max-width: 479px) {
      .grid {
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--wit-space-1);
      }
    }
  `,
})
export class PhotoGridComponent {
  readonly images = input<readonly Image[]>([]);
  readonly testId = input('photo-grid');
  /** The remove button's name; none when null (someone else's photos). */
  readonly removeLabel = input<string | null>(null);
  readonly removeIcon = input<'trash' | 'minus'>('trash');
  readonly open = output<number>();
  readonly remove = output<Image>();
}
