import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AvatarImage } from '@world-it/contracts';
import { defer, from, type Subscription, switchMap } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { AvatarsApiService } from '../../../core/profiles/avatars-api.service';
import { UploadService } from '../../data-access/upload/upload.service';
import { UPLOAD_PROBLEM_KEYS, uploadProblemOf } from '../../data-access/upload/upload-progress';
import { imageFileProblem } from '../../util/image-file';
import {
  CROP_ZOOM_MAX,
  cropPreview,
  initialCrop,
  moveCrop,
  type PixelSize,
  renderCrop,
  type SquareCrop,
  zoomCrop,
  zoomOf,
} from '../../util/square-crop';
import { AvatarComponent } from '../avatar/avatar.component';
import { ConfirmDialogComponent } from '../confirm-dialog/confirm-dialog.component';
import { DropZoneComponent } from '../drop-zone/drop-zone.component';
import { ProgressBarComponent } from '../progress-bar/progress-bar.component';

interface Draft {
  url: string;
  size: PixelSize;
  crop: SquareCrop;
}

/** Arrow keys move the crop by this share of its side (Shift: five times more). */
const KEY_STEP = 0.05;

/**
 * My profile picture: drop or pick a picture, frame a square of it (drag, arrow keys, zoom), and it
 * is cropped here, uploaded with progress and made my avatar. Below, my earlier pictures to go back
 * to or delete. The session's `Me` follows every change, so the header updates at once.
 */
@Component({
  selector: 'wit-avatar-editor',
  imports: [
    TranslatePipe,
    UiMessagePipe,
    AvatarComponent,
    ConfirmDialogComponent,
    DropZoneComponent,
    ProgressBarComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ae" data-testid="avatar-editor">
      <div class="ae__top">
        @if (auth.me(); as me) {
          <wit-avatar
            class="ae__current"
            data-testid="avatar-current"
            [name]="me.displayName"
            [url]="me.avatarUrl"
            [size]="88"
            [decorative]="false"
          />
        }
        <div class="ae__pick">
          @if (draft(); as d) {
            <div class="crop">
              <div
                class="crop__frame"
                tabindex="0"
                role="img"
                data-testid="avatar-crop"
                [attr.aria-label]="'avatar.cropLabel' | t"
                [class.crop__frame--busy]="progress() !== null"
                (pointerdown)="startDrag($event)"
                (pointermove)="drag($event)"
                (pointerup)="endDrag()"
                (pointercancel)="endDrag()"
                (keydown)="onCropKey($event)"
              >
                <img
                  class="crop__img"
                  alt=""
                  draggable="false"
                  [src]="d.url"
                  [style.left.%]="preview()!.left"
                  [style.top.%]="preview()!.top"
                  [style.width.%]="preview()!.width"
                  [style.height.%]="preview()!.height"
                />
                <span class="crop__ring" aria-hidden="true"></span>
              </div>
              <label class="crop__zoom">
                <span>{{ 'avatar.zoom' | t }}</span>
                <input
                  type="range"
                  min="1"
                  [max]="zoomMax"
                  step="0.01"
                  data-testid="avatar-zoom"
                  [value]="zoom()"
                  [disabled]="progress() !== null"
                  (input)="setZoom($any($event.target).valueAsNumber)"
                />
              </label>
              @if (progress() !== null) {
                <wit-progress-bar
                  data-testid="avatar-progress"
                  [value]="progress()!"
                  [label]="'upload.uploading' | t: { p: progress()! }"
                />
                <p class="ae__status" role="status">
                  {{ (progress()! < 100 ? 'upload.uploading' : 'avatar.saving') | t: { p: progress()! } }}
                </p>
              }
              <div class="ae__actions">
                <button
                  type="button"
                  class="btn btn--primary"
                  data-testid="avatar-save"
                  [disabled]="progress() !== null"
                  (click)="save()"
                >
                  @if (progress() !== null) {
                    <span class="spinner" aria-hidden="true"></span>
                  }
                  {{ 'avatar.save' | t }}
                </button>
                <button type="button" class="btn" data-testid="avatar-cancel" (click)="cancel()">
                  {{ 'common.cancel' | t }}
                </button>
              </div>
            </div>
          } @else {
            <wit-drop-zone
              testId="avatar-drop"
              [compact]="true"
              [hint]="'avatar.drop' | t"
              [button]="'avatar.choose' | t"
              (files)="pick($event[0])"
            />
          }
          @if (error(); as e) {
            <p class="alert alert--error" role="alert" data-testid="avatar-error">{{ e | msg }}</p>
          }
        </div>
      </div>

      <section class="history" aria-labelledby="avatar-history-title">
        <h3 id="avatar-history-title" class="history__title">{{ 'avatar.history' | t }}</h3>
        @switch (history().status) {
          @case ('loading') {
            <p class="muted" role="status">{{ 'app.loading' | t }}</p>
          }
          @case ('error') {
            <div class="alert alert--error" role="alert">
              <p>{{ 'avatar.loadError' | t }}</p>
              <button type="button" class="btn btn--sm" (click)="loadHistory()">{{ 'photos.retry' | t }}</button>
            </div>
          }
          @case ('ready') {
            @if (items().length === 0) {
              <p class="muted" data-testid="avatar-history-empty">{{ 'avatar.historyEmpty' | t }}</p>
            } @else {
              <ul class="history__grid" data-testid="avatar-history">
                @for (a of items(); track a.id; let i = $index) {
                  <li
                    class="history__item"
                    data-testid="avatar-item"
                    [attr.data-image-id]="a.id"
                    [attr.data-active]="a.active"
                  >
                    <button
                      type="button"
                      class="history__pick"
                      [class.history__pick--active]="a.active"
                      [attr.aria-pressed]="a.active"
                      [attr.aria-label]="(a.active ? 'avatar.current' : 'avatar.use') | t"
                      [disabled]="busyId() !== null"
                      data-testid="avatar-use"
                      (click)="activate(a)"
                    >
                      <img [src]="a.thumbUrl" alt="" loading="lazy" />
                      @if (a.active) {
                        <span class="history__badge">{{ 'avatar.current' | t }}</span>
                      }
                      @if (busyId() === a.id) {
                        <span class="history__busy"><span class="spinner" aria-hidden="true"></span></span>
                      }
                    </button>
                    <button
                      type="button"
                      class="history__delete"
                      data-testid="avatar-delete"
                      [disabled]="busyId() !== null"
                      [attr.aria-label]="'avatar.delete' | t"
                      [title]="'avatar.delete' | t"
                      (click)="toDelete.set(a)"
                    >
                      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
                        <path
                          d="M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"
                          fill="none"
                          stroke="currentColor"
                          stroke-width="2"
                          stroke-linecap="round"
                          stroke-linejoin="round"
                        />
                      </svg>
                    </button>
                  </li>
                }
              </ul>
            }
          }
        }
      </section>

      <wit-confirm-dialog
        [open]="!!toDelete()"
        [heading]="'avatar.deleteTitle' | t"
        [text]="'avatar.deleteConfirm' | t"
        [confirmLabel]="'avatar.delete' | t"
        [danger]="true"
        [busy]="busyId() !== null"
        (confirmed)="remove()"
        (closed)="toDelete.set(null)"
      />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    /* Followed by more of a form (my profile's edit card): set it apart. */
    :host(:not(:last-child)) {
      padding-bottom: var(--wit-space-6);
      margin-bottom: var(--wit-space-6);
      border-bottom: 1px solid var(--wit-color-border);
    }
    .ae {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-6);
    }
    .ae__top {
      display: flex;
      gap: var(--wit-space-5);
      align-items: flex-start;
    }
    .ae__pick {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
    }
    .ae__status {
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .ae__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wit-space-2);
    }
    .crop {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
    }
    .crop__frame {
      position: relative;
      width: min(240px, 100%);
      aspect-ratio: 1;
      overflow: hidden;
      border-radius: var(--wit-radius-md);
      background: #111;
      cursor: grab;
      touch-action: none;
      user-select: none;
    }
    .crop__frame:active {
      cursor: grabbing;
    }
    .crop__frame--busy {
      pointer-events: none;
      opacity: 0.8;
    }
    .crop__img {
      position: absolute;
      max-width: none;
      pointer-events: none;
    }
    .crop__ring {
      position: absolute;
      inset: 0;
      border-radius: 50%;
      box-shadow: 0 0 0 999px rgb(15 18 35 / 45%);
      outline: 2px solid rgb(255 255 255 / 85%);
    }
    .crop__zoom {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      width: min(240px, 100%);
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-medium);
    }
    .crop__zoom input {
      flex: 1;
      min-width: 0;
      accent-color: var(--wit-color-brand);
    }
    .history {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
    }
    .history__title {
      font-size: var(--wit-text-md);
    }
    .muted {
      color: var(--wit-color-text-muted);
      font-size: var(--wit-text-sm);
    }
    .history__grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(84px, 1fr));
      gap: var(--wit-space-3);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .history__item {
      position: relative;
    }
    .history__pick {
      position: relative;
      display: block;
      width: 100%;
      aspect-ratio: 1;
      padding: 0;
      border: 2px solid var(--wit-color-border);
      border-radius: 50%;
      overflow: hidden;
      background: var(--wit-color-surface-muted);
      cursor: pointer;
    }
    .history__pick img {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .history__pick--active {
      border-color: var(--wit-color-brand);
      box-shadow: 0 0 0 3px var(--wit-color-brand-soft);
      cursor: default;
    }
    .history__badge {
      position: absolute;
      left: 50%;
      bottom: 6px;
      transform: translateX(-50%);
      padding: 1px 8px;
      border-radius: var(--wit-radius-full);
      font-size: var(--wit-text-xs);
      font-weight: var(--wit-weight-semibold);
      color: #fff;
      background: var(--wit-color-brand);
      white-space: nowrap;
    }
    .history__busy {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      color: #fff;
      background: rgb(15 18 35 / 40%);
    }
    .history__delete {
      position: absolute;
      top: -4px;
      right: -4px;
      display: grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border: 1px solid var(--wit-color-border);
      border-radius: 50%;
      color: var(--wit-color-danger);
      background: var(--wit-color-surface);
      box-shadow: var(--wit-shadow-sm);
      cursor: pointer;
    }
    .history__delete:hover {
      background: var(--wit-color-danger-soft);
    }
    @media (max-width: 479px) {
      .ae__top {
        flex-direction: column;
        align-items: center;
      }
      .ae__pick {
        width: 100%;
        align-items: center;
      }
      .crop {
        align-items: center;
      }
    }
  `,
})
export class AvatarEditorComponent {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(AvatarsApiService);
  private readonly uploads = inject(UploadService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly zoomMax = CROP_ZOOM_MAX;
  protected readonly draft = signal<Draft | null>(null);
  /** 0..100 while the cropped picture uploads and becomes my avatar; null otherwise. */
  protected readonly progress = signal<number | null>(null);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly history = signal<
    { status: 'loading' } | { status: 'ready'; items: AvatarImage[] } | { status: 'error' }
  >({ status: 'loading' });
  protected readonly items = computed(() => {
    const h = this.history();
    return h.status === 'ready' ? h.items : [];
  });
  protected readonly busyId = signal<string | null>(null);
  protected readonly toDelete = signal<AvatarImage | null>(null);
  protected readonly preview = computed(() => {
    const d = this.draft();
    return d ? cropPreview(d.crop, d.size) : null;
  });
  protected readonly zoom = computed(() => {
    const d = this.draft();
    return d ? zoomOf(d.crop, d.size) : 1;
  });

  private picture: HTMLImageElement | null = null;
  private dragFrom: { x: number; y: number; frame: number } | null = null;
  private saving: Subscription | null = null;

  constructor() {
    this.loadHistory();
    this.destroyRef.onDestroy(() => this.cancel());
  }

  loadHistory(): void {
    this.history.set({ status: 'loading' });
    this.api
      .history()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => this.history.set({ status: 'ready', items }),
        error: () => this.history.set({ status: 'error' }),
      });
  }

  /** A dropped or picked file: checked, decoded, then framed for cropping. */
  protected pick(file: File | undefined): void {
    if (!file) return;
    this.error.set(null);
    const problem = imageFileProblem(file);
    if (problem) {
      this.error.set(msg(UPLOAD_PROBLEM_KEYS[problem]));
      return;
    }
    this.cancel();
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const size = { width: img.naturalWidth, height: img.naturalHeight };
      this.picture = img;
      this.draft.set({ url, size, crop: initialCrop(size) });
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      this.error.set(msg('upload.badType'));
    };
    img.src = url;
  }

  protected cancel(): void {
    this.saving?.unsubscribe();
    this.saving = null;
    this.progress.set(null);
    const d = this.draft();
    if (d) URL.revokeObjectURL(d.url);
    this.draft.set(null);
    this.picture = null;
  }

  protected setZoom(zoom: number): void {
    this.draft.update((d) => (d ? { ...d, crop: zoomCrop(d.crop, d.size, zoom) } : d));
  }

  protected startDrag(event: PointerEvent): void {
    const frame = event.currentTarget as HTMLElement;
    frame.setPointerCapture?.(event.pointerId);
    this.dragFrom = { x: event.clientX, y: event.clientY, frame: frame.clientWidth || 1 };
  }

  protected drag(event: PointerEvent): void {
    const from = this.dragFrom;
    if (!from) return;
    // Dragging the picture right shows more of its left: the crop moves the other way.
    this.draft.update((d) => {
      if (!d) return d;
      const perPixel = d.crop.side / from.frame;
      return {
        ...d,
        crop: moveCrop(d.crop, d.size, (from.x - event.clientX) * perPixel, (from.y - event.clientY) * perPixel),
      };
    });
    this.dragFrom = { ...from, x: event.clientX, y: event.clientY };
  }

  protected endDrag(): void {
    this.dragFrom = null;
  }

  protected onCropKey(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const zooms: Record<string, number> = { '+': 0.1, '=': 0.1, '-': -0.1 };
    if (event.key in moves) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      const factor = KEY_STEP * (event.shiftKey ? 5 : 1);
      this.draft.update((d) =>
        d ? { ...d, crop: moveCrop(d.crop, d.size, dx * d.crop.side * factor, dy * d.crop.side * factor) } : d,
      );
    } else if (event.key in zooms) {
      event.preventDefault();
      this.setZoom(this.zoom() + zooms[event.key]);
    }
  }

  /** Crops into a canvas, uploads the square with progress, and makes it my avatar. */
  protected save(): void {
    const d = this.draft();
    const picture = this.picture;
    if (!d || !picture || this.progress() !== null) return;
    this.error.set(null);
    this.progress.set(0);
    this.saving = defer(() => from(renderCrop(picture, d.crop)))
      .pipe(
        switchMap((blob) => this.uploads.upload(blob, 'avatar.webp')),
        switchMap((step) => {
          if (step.kind === 'progress') {
            this.progress.set(step.percent);
            return [];
          }
          this.progress.set(100);
          return this.api.set(step.image.id);
        }),
      )
      .subscribe({
        next: () => {
          this.cancel();
          this.notices.success(this.i18n.t('avatar.saved'));
          this.loadHistory();
        },
        error: (err: unknown) => {
          this.progress.set(null);
          this.saving = null;
          this.error.set(msg(UPLOAD_PROBLEM_KEYS[uploadProblemOf(err)]));
        },
      });
  }

  protected activate(a: AvatarImage): void {
    if (a.active || this.busyId()) return;
    this.busyId.set(a.id);
    this.api
      .activate(a.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busyId.set(null);
          this.history.update((h) =>
            h.status === 'ready' ? { ...h, items: h.items.map((i) => ({ ...i, active: i.id === a.id })) } : h,
          );
          this.notices.success(this.i18n.t('avatar.activated'));
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.notices.error(err);
        },
      });
  }

  protected remove(): void {
    const a = this.toDelete();
    if (!a || this.busyId()) return;
    this.busyId.set(a.id);
    this.api
      .remove(a.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busyId.set(null);
          this.toDelete.set(null);
          this.notices.success(this.i18n.t('avatar.deleted'));
          this.loadHistory();
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.toDelete.set(null);
          this.error.set(genericErrorMessage(err));
        },
      });
  }
}
