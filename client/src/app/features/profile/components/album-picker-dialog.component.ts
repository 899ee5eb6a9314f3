import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ALBUM_ADD_IMAGES_MAX, type Album, type Image } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { DialogComponent } from '../../../shared/ui/dialog/dialog.component';
import { PhotosApiService } from '../data-access/photos-api.service';

/** Pick some of my photos to add to an album (up to ALBUM_ADD_IMAGES_MAX at once). */
@Component({
  selector: 'wit-album-picker-dialog',
  imports: [TranslatePipe, UiMessagePipe, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-dialog
      [open]="!!album()"
      [heading]="'albums.pickTitle' | t: { name: album()?.name ?? '' }"
      titleId="album-picker-title"
      testId="album-picker"
      (closed)="closed.emit()"
    >
      <div class="dialog__body">
        @if (error(); as e) {
          <p class="alert alert--error" role="alert">{{ e | msg }}</p>
        }
        @if (loading() && images().length === 0) {
          <p class="muted" role="status">{{ 'app.loading' | t }}</p>
        } @else if (images().length === 0) {
          <p class="muted" data-testid="album-picker-empty">{{ 'albums.pickEmpty' | t }}</p>
        } @else {
          <fieldset class="ap__set">
            <legend class="visually-hidden">{{ 'albums.pickLegend' | t }}</legend>
            <ul class="ap__grid">
              @for (image of images(); track image.id; let i = $index) {
                <li>
                  <label class="ap__item" [class.ap__item--on]="chosen().has(image.id)" data-testid="album-picker-item">
                    <input
                      type="checkbox"
                      class="ap__check"
                      [checked]="chosen().has(image.id)"
                      [disabled]="!chosen().has(image.id) && chosen().size >= max"
                      (change)="toggle(image.id)"
                    />
                    <img [src]="image.thumbUrl" alt="" loading="lazy" />
                    <span class="visually-hidden">{{ 'photos.alt' | t: { n: i + 1 } }}</span>
                  </label>
                </li>
              }
            </ul>
          </fieldset>
          @if (nextCursor()) {
            <button type="button" class="btn btn--sm ap__more" [disabled]="loading()" (click)="loadMore()">
              {{ 'photos.loadMore' | t }}
            </button>
          }
        }
        <div class="dialog__actions">
          <button type="button" class="btn" (click)="closed.emit()">{{ 'common.cancel' | t }}</button>
          <button
            type="button"
            class="btn btn--primary"
            data-testid="album-picker-add"
            [disabled]="chosen().size === 0 || busy()"
            (click)="add()"
          >
            @if (busy()) {
              <span class="spinner" aria-hidden="true"></span>
            }
            {{ chosen().size ? ('albums.pickAdd' | t: { n: chosen().size }) : ('albums.pickNone' | t) }}
          </button>
        </div>
      </div>
    </wit-dialog>
  `,
  styles: `
    .muted {
      color: var(--wit-color-text-muted);
    }
    .ap__set {
      margin: 0;
      padding: 0;
      border: 0;
    }
    .ap__grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(92px, 1fr));
      gap: var(--wit-space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .ap__item {
      position: relative;
      display: block;
      aspect-ratio: 1;
      border: 3px solid transparent;
      border-radius: var(--wit-radius-sm);
      overflow: hidden;
      cursor: pointer;
      background: var(--wit-color-surface-muted);
    }
    .ap__item--on {
      border-color: var(--wit-color-brand);
    }
    .ap__item img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .ap__check {
      position: absolute;
      top: 6px;
      left: 6px;
      width: 20px;
      height: 20px;
      margin: 0;
      accent-color: var(--wit-color-brand);
    }
    .ap__item:has(.ap__check:focus-visible) {
      outline: 3px solid var(--wit-color-focus);
      outline-offset: 2px;
    }
    .ap__more {
      align-self: center;
    }
  `,
})
export class AlbumPickerDialogComponent {
  private readonly api = inject(PhotosApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  /** The album to add to (null: closed). */
  readonly album = input<Album | null>(null);
  /** Whose photos to offer: mine. */
  readonly userId = input.required<string>();
  readonly added = output<Album>();
  readonly closed = output<void>();

  protected readonly max = ALBUM_ADD_IMAGES_MAX;
  protected readonly images = signal<Image[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  private page: Subscription | null = null;

  constructor() {
    effect(() => {
      const album = this.album();
      untracked(() => {
        this.page?.unsubscribe();
        this.chosen.set(new Set());
        this.images.set([]);
        this.nextCursor.set(null);
        this.error.set(null);
        this.busy.set(false);
        if (album) this.load(null);
      });
    });
  }

  protected loadMore(): void {
    this.load(this.nextCursor());
  }

  protected toggle(id: string): void {
    this.chosen.update((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else if (next.size < ALBUM_ADD_IMAGES_MAX) next.add(id);
      return next;
    });
  }

  protected add(): void {
    const album = this.album();
    const ids = [...this.chosen()];
    if (!album || ids.length === 0 || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api
      .addToAlbum(album.id, ids)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.busy.set(false);
          this.notices.success(this.i18n.t('albums.added', { n: ids.length }));
          this.added.emit(updated);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }

  private load(cursor: string | null): void {
    this.loading.set(true);
    this.page = this.api
      .images(this.userId(), cursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.images.update((list) => [...list, ...page.items]);
          this.nextCursor.set(page.nextCursor);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }
}
