import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  ALBUM_NAME_MAX,
  ALBUM_THEME_MAX,
  ALBUM_YEAR_MIN,
  type Album,
  type SaveAlbumRequest,
} from '@world-it/contracts';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { DialogComponent } from '../../../shared/ui/dialog/dialog.component';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { ariaInvalid, focusFirstInvalid, requiredTrimmed } from '../../../shared/util/form-validators';
import { albumYear, albumYearMax, parseAlbumYear } from '../data-access/album-year';
import { PhotosApiService } from '../data-access/photos-api.service';

/** Create an album, or edit one (name, theme, year); it saves itself and hands back the Album. */
@Component({
  selector: 'wit-album-form-dialog',
  imports: [ReactiveFormsModule, TranslatePipe, UiMessagePipe, DialogComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-dialog
      [open]="open()"
      [heading]="(album() ? 'albums.formEdit' : 'albums.formCreate') | t"
      titleId="album-form-title"
      testId="album-form-dialog"
      (closed)="closed.emit()"
    >
      <form class="dialog__body" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="album-form">
        @if (error(); as e) {
          <p class="alert alert--error" role="alert">{{ e | msg }}</p>
        }
        <div class="field">
          <label class="field__label" for="album-name">{{ 'albums.name' | t }}</label>
          <input
            id="album-name"
            class="input"
            type="text"
            formControlName="name"
            data-testid="album-name"
            autocomplete="off"
            [maxLength]="nameMax"
            aria-describedby="album-name-error"
            [attr.aria-invalid]="invalid(form.controls.name)"
          />
          <wit-field-error [id]="'album-name-error'" [control]="form.controls.name" />
        </div>
        <div class="field">
          <label class="field__label" for="album-theme">{{ 'albums.theme' | t }}</label>
          <input
            id="album-theme"
            class="input"
            type="text"
            formControlName="theme"
            data-testid="album-theme"
            autocomplete="off"
            [maxLength]="themeMax"
            aria-describedby="album-theme-hint album-theme-error"
            [attr.aria-invalid]="invalid(form.controls.theme)"
          />
          <p class="field__hint" id="album-theme-hint">{{ 'albums.themeHint' | t }}</p>
          <wit-field-error [id]="'album-theme-error'" [control]="form.controls.theme" />
        </div>
        <div class="field">
          <label class="field__label" for="album-year">{{ 'albums.year' | t }}</label>
          <input
            id="album-year"
            class="input input--year"
            type="text"
            inputmode="numeric"
            formControlName="year"
            data-testid="album-year"
            autocomplete="off"
            maxlength="4"
            aria-describedby="album-year-hint album-year-error"
            [attr.aria-invalid]="invalid(form.controls.year)"
          />
          <p class="field__hint" id="album-year-hint">{{ 'albums.yearHint' | t: { min: yearMin, max: yearMax } }}</p>
          <wit-field-error
            [id]="'album-year-error'"
            [control]="form.controls.year"
            [messages]="{ yearInvalid: 'albums.yearInvalid' }"
          />
        </div>
        <div class="dialog__actions">
          <button type="button" class="btn" (click)="closed.emit()">{{ 'common.cancel' | t }}</button>
          <button type="submit" class="btn btn--primary" data-testid="album-save" [disabled]="busy()">
            @if (busy()) {
              <span class="spinner" aria-hidden="true"></span>
            }
            {{ (album() ? 'common.save' : 'albums.create') | t }}
          </button>
        </div>
      </form>
    </wit-dialog>
  `,
  styles: `
    .input--year {
      max-width: 10ch;
    }
  `,
})
export class AlbumFormDialogComponent {
  private readonly api = inject(PhotosApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly destroyRef = inject(DestroyRef);

  readonly open = input(false);
  /** The album to edit; null creates one. */
  readonly album = input<Album | null>(null);
  readonly saved = output<Album>();
  readonly closed = output<void>();

  protected readonly nameMax = ALBUM_NAME_MAX;
  protected readonly themeMax = ALBUM_THEME_MAX;
  protected readonly yearMin = ALBUM_YEAR_MIN;
  protected readonly yearMax = albumYearMax();
  protected readonly busy = signal(false);
  protected readonly error = signal<UiMessage | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [requiredTrimmed, Validators.maxLength(ALBUM_NAME_MAX)]],
    theme: ['', [Validators.maxLength(ALBUM_THEME_MAX)]],
    year: ['', [albumYear]],
  });

  protected readonly invalid = ariaInvalid;

  constructor() {
    // Each opening starts from the album (or blank).
    effect(() => {
      if (!this.open()) return;
      const album = this.album();
      untracked(() => {
        this.error.set(null);
        this.busy.set(false);
        this.form.reset({
          name: album?.name ?? '',
          theme: album?.theme ?? '',
          year: album?.year != null ? String(album.year) : '',
        });
      });
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const v = this.form.getRawValue();
    const body: SaveAlbumRequest = { name: v.name.trim(), theme: v.theme.trim(), year: parseAlbumYear(v.year) };
    const album = this.album();
    this.busy.set(true);
    this.error.set(null);
    (album ? this.api.updateAlbum(album.id, body) : this.api.createAlbum(body))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.busy.set(false);
          this.notices.success(this.i18n.t(album ? 'albums.saved' : 'albums.created'));
          this.saved.emit(saved);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }
}
