import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Image } from '@world-it/contracts';

import type { TranslationKey } from '../../../core/i18n/en';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { UPLOAD_PROBLEM_KEYS, type UploadProblem } from '../../../shared/data-access/upload/upload-progress';
import { DropZoneComponent } from '../../../shared/ui/drop-zone/drop-zone.component';
import { ProgressBarComponent } from '../../../shared/ui/progress-bar/progress-bar.component';
import { PhotoUploads } from '../data-access/photo-uploads';

/** Drop or pick several photos at once; each gets its own row with progress, failure and retry. */
@Component({
  selector: 'wit-photo-uploader',
  imports: [TranslatePipe, DropZoneComponent, ProgressBarComponent],
  providers: [PhotoUploads],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-drop-zone
      testId="photos-drop"
      [multiple]="true"
      [hint]="'photos.dropHint' | t"
      [button]="'photos.upload' | t"
      (files)="queue.add($event)"
    />
    @if (queue.items().length) {
      <section class="uploads" aria-labelledby="photo-uploads-title" data-testid="photo-uploads">
        <div class="uploads__head">
          <h3 id="photo-uploads-title" class="uploads__title">{{ 'upload.list' | t }}</h3>
          @if (queue.finished()) {
            <button
              type="button"
              class="btn btn--ghost btn--sm"
              data-testid="uploads-clear"
              (click)="queue.clearFinished()"
            >
              {{ 'upload.clearList' | t }}
            </button>
          }
        </div>
        <ul class="uploads__list">
          @for (u of queue.items(); track u.id) {
            <li class="upload" data-testid="photo-upload" [attr.data-status]="u.status">
              <div class="upload__info">
                <span class="upload__name">{{ u.file.name }}</span>
                @switch (u.status) {
                  @case ('uploading') {
                    <wit-progress-bar
                      data-testid="photo-upload-progress"
                      [value]="u.progress"
                      [label]="'upload.uploadingName' | t: { name: u.file.name, p: u.progress }"
                    />
                    <span class="upload__status">{{ 'upload.uploading' | t: { p: u.progress } }}</span>
                  }
                  @case ('done') {
                    <wit-progress-bar
                      data-testid="photo-upload-progress"
                      [value]="100"
                      [label]="'upload.uploadingName' | t: { name: u.file.name, p: 100 }"
                    />
                    <span class="upload__status upload__status--ok">{{ 'upload.done' | t }}</span>
                  }
                  @case ('failed') {
                    <span class="upload__status upload__status--bad" role="alert" data-testid="photo-upload-error">{{
                      problemKey(u.problem) | t
                    }}</span>
                  }
                }
              </div>
              @if (u.status === 'failed' && u.retryable) {
                <button type="button" class="btn btn--sm" data-testid="photo-upload-retry" (click)="queue.retry(u.id)">
                  {{ 'upload.retry' | t }}
                </button>
              }
              @if (u.status !== 'done') {
                <button
                  type="button"
                  class="icon-btn"
                  data-testid="photo-upload-dismiss"
                  [attr.aria-label]="
                    (u.status === 'uploading' ? 'upload.cancel' : 'upload.dismiss') | t: { name: u.file.name }
                  "
                  (click)="queue.dismiss(u.id)"
                >
                  <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                  </svg>
                </button>
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
    }
    .uploads__head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--wit-space-2);
      margin-bottom: var(--wit-space-2);
    }
    .uploads__title {
      font-size: var(--wit-text-sm);
    }
    .uploads__list {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .upload {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      padding: var(--wit-space-2) var(--wit-space-3);
      border: 1px solid var(--wit-color-border);
      border-radius: var(--wit-radius-md);
    }
    .upload__info {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .upload__name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-medium);
    }
    .upload__status {
      font-size: var(--wit-text-xs);
      color: var(--wit-color-text-muted);
    }
    .upload__status--ok {
      color: var(--wit-color-success);
    }
    .upload__status--bad {
      color: var(--wit-color-danger);
    }
    .icon-btn {
      display: grid;
      place-items: center;
      flex: none;
      width: 36px;
      height: 36px;
      border: 0;
      border-radius: 50%;
      color: var(--wit-color-text-muted);
      background: transparent;
      cursor: pointer;
    }
    .icon-btn:hover {
      background: var(--wit-color-surface-muted);
      color: var(--wit-color-text);
    }
  `,
})
export class PhotoUploaderComponent {
  protected readonly queue = inject(PhotoUploads);
  readonly uploaded = output<Image>();

  constructor() {
    this.queue.uploaded$.pipe(takeUntilDestroyed()).subscribe((image) => this.uploaded.emit(image));
  }

  protected problemKey(problem: UploadProblem | null): TranslationKey {
    return UPLOAD_PROBLEM_KEYS[problem ?? 'failed'];
  }
}
