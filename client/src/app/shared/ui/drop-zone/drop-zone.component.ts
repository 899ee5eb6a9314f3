import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { filesOf, IMAGE_ACCEPT } from '../../util/image-file';

/**
 * Where pictures come in: drop them on the box, or press its button to pick them. It hands over
 * whatever files came; the caller checks them (so one message style covers both ways in).
 */
@Component({
  selector: 'wit-drop-zone',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="drop"
      [class.drop--over]="over()"
      [class.drop--compact]="compact()"
      [attr.data-testid]="testId()"
      (dragenter)="onDrag($event)"
      (dragover)="onDrag($event)"
      (dragleave)="over.set(false)"
      (drop)="onDrop($event)"
    >
      <svg class="drop__icon" width="28" height="28" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M12 16V4m0 0-4 4m4-4 4 4M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
      <p class="drop__text">{{ hint() }}</p>
      <input
        #file
        class="visually-hidden"
        type="file"
        tabindex="-1"
        [attr.data-testid]="testId() + '-input'"
        [attr.accept]="accept"
        [multiple]="multiple()"
        [disabled]="disabled()"
        [attr.aria-label]="button()"
        (change)="onPick(file)"
      />
      <button type="button" class="btn btn--sm" [disabled]="disabled()" (click)="file.click()">{{ button() }}</button>
      <p class="drop__types">{{ 'upload.types' | t }}</p>
    </div>
  `,
  styles: `
    .drop {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--wit-space-2);
      padding: var(--wit-space-6) var(--wit-space-4);
      text-align: center;
      border: 2px dashed var(--wit-color-border-strong);
      border-radius: var(--wit-radius-md);
      background: var(--wit-color-surface-muted);
      transition:
        border-color var(--wit-transition),
        background var(--wit-transition);
    }
    .drop--compact {
      padding: var(--wit-space-4);
    }
    .drop--over {
      border-color: var(--wit-color-brand);
      background: var(--wit-color-brand-soft);
    }
    .drop__icon {
      color: var(--wit-color-brand);
    }
    .drop__text {
      font-weight: var(--wit-weight-medium);
    }
    .drop__types {
      font-size: var(--wit-text-xs);
      color: var(--wit-color-text-muted);
    }
  `,
})
export class DropZoneComponent {
  readonly multiple = input(false);
  readonly disabled = input(false);
  readonly compact = input(false);
  readonly hint = input('');
  readonly button = input('');
  readonly testId = input('drop-zone');
  readonly files = output<File[]>();

  protected readonly accept = IMAGE_ACCEPT;
  protected readonly over = signal(false);

  protected onDrag(event: DragEvent): void {
    if (this.disabled() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.over.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    if (this.disabled()) return;
    const files = filesOf(event.dataTransfer?.files);
    if (files.length) this.files.emit(this.multiple() ? files : files.slice(0, 1));
  }

  protected onPick(input: HTMLInputElement): void {
    const files = filesOf(input.files);
    input.value = '';
    if (files.length) this.files.emit(files);
  }
}
