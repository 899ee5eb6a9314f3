import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/**
 * A modal built on the native <dialog>: showModal() makes the rest of the page inert (focus stays
 * inside), Escape closes it, and focus returns to whatever opened it.
 */
@Component({
  selector: 'wit-dialog',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="dialog"
      [class.dialog--bare]="bare()"
      [attr.aria-labelledby]="heading() ? titleId() : null"
      [attr.aria-label]="heading() ? null : label()"
      [attr.data-testid]="testId()"
      (cancel)="onCancel($event)"
      (click)="onBackdrop($event)"
    >
      @if (heading()) {
        <header class="dialog__head">
          <h2 class="dialog__title" [id]="titleId()">{{ heading() }}</h2>
          <button type="button" class="dialog__close" (click)="closed.emit()" [attr.aria-label]="'common.close' | t">
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        </header>
      }
      <ng-content />
    </dialog>
  `,
  styles: `
    .dialog {
      width: min(480px, calc(100vw - 24px));
      max-height: min(88vh, 760px);
      padding: 0;
      border: 0;
      border-radius: var(--wit-radius-lg);
      background: var(--wit-color-surface);
      color: var(--wit-color-text);
      box-shadow: var(--wit-shadow-lg);
      overflow: auto;
    }
    .dialog[open] {
      animation: dialog-in 160ms ease-out;
    }
    .dialog::backdrop {
      background: rgb(15 18 35 / 55%);
      backdrop-filter: blur(2px);
    }
    .dialog--bare {
      width: auto;
      max-width: 100vw;
      max-height: 100vh;
      background: transparent;
      box-shadow: none;
      overflow: visible;
    }
    .dialog--bare::backdrop {
      background: rgb(8 10 20 / 88%);
    }
    .dialog__head {
      position: sticky;
      top: 0;
      z-index: 1;
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      padding: var(--wit-space-4) var(--wit-space-4) var(--wit-space-3) var(--wit-space-6);
      background: var(--wit-color-surface);
      border-bottom: 1px solid var(--wit-color-border);
    }
    .dialog__title {
      flex: 1;
      font-size: var(--wit-text-lg);
    }
    .dialog__close {
      display: grid;
      place-items: center;
      width: 40px;
      height: 40px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--wit-color-text-muted);
      cursor: pointer;
    }
    .dialog__close:hover {
      background: var(--wit-color-surface-muted);
      color: var(--wit-color-text);
    }
    @keyframes dialog-in {
      from {
        opacity: 0;
        transform: translateY(8px) scale(0.98);
      }
      to {
        opacity: 1;
        transform: none;
      }
    }
  `,
})
export class DialogComponent {
  readonly open = input(false);
  readonly heading = input<string | null>(null);
  /** Accessible name when there is no visible heading. */
  readonly label = input<string | null>(null);
  readonly titleId = input('dialog-title');
  readonly testId = input<string | null>(null);
  /** No card chrome (the lightbox). */
  readonly bare = input(false);
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private opener: HTMLElement | null = null;

  constructor() {
    afterRenderEffect(() => {
      const el = this.dialog().nativeElement;
      const open = this.open();
      if (open && !el.open) {
        this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        if (typeof el.showModal === 'function') el.showModal();
        else el.setAttribute('open', '');
      } else if (!open && el.open) {
        if (typeof el.close === 'function') el.close();
        else el.removeAttribute('open');
        this.opener?.focus?.();
        this.opener = null;
      }
    });
  }

  protected onCancel(event: Event): void {
    // Escape: let the parent decide (it owns the open state).
    event.preventDefault();
    this.closed.emit();
  }

  protected onBackdrop(event: MouseEvent): void {
    // A click on the <dialog> element itself (not its content) is a click on the backdrop.
    if (event.target === this.dialog().nativeElement) this.closed.emit();
  }
}
