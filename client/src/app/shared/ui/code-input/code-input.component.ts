import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  input,
  model,
  output,
  signal,
  untracked,
  viewChildren,
} from '@angular/core';
import { CODE_LENGTH } from '@world-it/contracts';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/**
 * Six single-digit boxes for the emailed codes. Pasting (or autofilling) a code into any box fills
 * them all; typing advances, Backspace goes back, arrows move; `completed` fires once all are filled.
 */
@Component({
  selector: 'wit-code-input',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="code"
      role="group"
      data-testid="code-input"
      [attr.aria-labelledby]="labelId()"
      [attr.aria-describedby]="describedBy() || null"
    >
      @for (digit of digits(); track $index) {
        <input
          #box
          class="code__box"
          type="text"
          inputmode="numeric"
          pattern="[0-9]*"
          maxlength="6"
          [attr.autocomplete]="$first ? 'one-time-code' : 'off'"
          [attr.aria-label]="'confirm.digitLabel' | t: { n: $index + 1, total: length }"
          [attr.aria-invalid]="invalid() ? 'true' : null"
          [class.code__box--filled]="digit !== ''"
          [value]="digit"
          [disabled]="disabled()"
          (input)="onInput($index, $event)"
          (keydown)="onKeydown($index, $event)"
          (paste)="onPaste($index, $event)"
          (focus)="select($event)"
        />
      }
    </div>
  `,
  styles: `
    .code {
      display: flex;
      gap: var(--wit-space-2);
      justify-content: center;
    }
    .code__box {
      width: 100%;
      max-width: 52px;
      min-width: 0;
      aspect-ratio: 5 / 6;
      text-align: center;
      font-family: var(--wit-font-mono);
      font-size: var(--wit-text-2xl);
      font-weight: var(--wit-weight-semibold);
      color: var(--wit-color-text);
      background: var(--wit-color-surface);
      border: 1.5px solid var(--wit-color-border-strong);
      border-radius: var(--wit-radius-md);
      caret-color: var(--wit-color-brand);
      transition:
        border-color var(--wit-transition),
        box-shadow var(--wit-transition),
        background var(--wit-transition);
    }
    .code__box--filled {
      border-color: var(--wit-color-brand);
      background: var(--wit-color-brand-soft);
    }
    .code__box:focus {
      outline: none;
      border-color: var(--wit-color-brand);
      box-shadow: 0 0 0 4px rgb(79 70 229 / 18%);
    }
    .code__box[aria-invalid='true'] {
      border-color: var(--wit-color-danger);
      background: var(--wit-color-danger-soft);
    }
    .code__box:disabled {
      opacity: 0.6;
    }
  `,
})
export class CodeInputComponent {
  readonly length = CODE_LENGTH;
  /** The id of the element that labels the group (a visible heading or label). */
  readonly labelId = input<string | null>(null);
  readonly describedBy = input<string | null>(null);
  readonly disabled = input(false);
  readonly invalid = input(false);
  /** The code typed so far (digits only, at most six). Two-way bindable. */
  readonly value = model('');
  /** Emits the full code as soon as every box holds a digit. */
  readonly completed = output<string>();

  private readonly boxes = viewChildren<ElementRef<HTMLInputElement>>('box');
  private readonly cells = signal<readonly string[]>(Array.from({ length: CODE_LENGTH }, () => ''));
  readonly digits = this.cells.asReadonly();
  readonly complete = computed(() => this.cells().every((d) => d !== ''));

  constructor() {
    // A parent writing `value` (e.g. resetting it to '') is reflected in the boxes.
    effect(() => {
      const value = this.value().replace(/\D/g, '').slice(0, this.length);
      untracked(() => {
        if (value !== this.cells().join('')) {
          this.setCells(Array.from({ length: this.length }, (_, i) => value[i] ?? ''));
        }
      });
    });
  }

  /** Empties the boxes and puts the cursor in the first one (after a wrong code, say). */
  clear(): void {
    this.setCells(Array.from({ length: this.length }, () => ''));
    this.focus(0);
  }

  focus(index = 0): void {
    this.boxes()[Math.max(0, Math.min(index, this.length - 1))]?.nativeElement.focus();
  }

  onInput(index: number, event: Event): void {
    const box = event.target as HTMLInputElement;
    const typed = box.value.replace(/\D/g, '');
    if (typed.length > 1) {
      // Autofill or a mobile keyboard suggestion dropped several digits into one box.
      this.fillFrom(typed.length >= this.length ? 0 : index, typed);
      return;
    }
    const next = [...this.cells()];
    next[index] = typed;
    box.value = typed;
    this.setCells(next);
    if (typed) this.focus(index + 1);
    this.emitIfComplete();
  }

  onKeydown(index: number, event: KeyboardEvent): void {
    const cells = this.cells();
    switch (event.key) {
      case 'Backspace':
        if (cells[index] === '' && index > 0) {
          event.preventDefault();
          const next = [...cells];
          next[index - 1] = '';
          this.setCells(next);
          this.focus(index - 1);
        }
        break;
      case 'ArrowLeft':
        event.preventDefault();
        this.focus(index - 1);
        break;
      case 'ArrowRight':
        event.preventDefault();
        this.focus(index + 1);
        break;
      default:
        // Typing a digit over a filled box replaces it rather than being blocked by maxlength.
        if (/^\d$/.test(event.key) && cells[index] !== '') {
          (event.target as HTMLInputElement).value = '';
        }
    }
  }

  onPaste(index: number, event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    const pasted = text.replace(/\D/g, '');
    event.preventDefault();
    if (!pasted) return;
    // A whole code goes in from the first box wherever it was pasted; a fragment starts at the box.
    this.fillFrom(pasted.length >= this.length ? 0 : index, pasted);
  }

  select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  private fillFrom(start: number, digits: string): void {
    const next = [...this.cells()];
    let i = start;
    for (const d of digits.slice(0, this.length - start)) next[i++] = d;
    this.setCells(next);
    this.focus(Math.min(i, this.length - 1));
    this.emitIfComplete();
  }

  private setCells(next: string[]): void {
    this.cells.set(next);
    // Keep the DOM in step even when a cell's value did not change from the signal's point of view.
    this.boxes().forEach((box, i) => {
      if (box.nativeElement.value !== next[i]) box.nativeElement.value = next[i];
    });
    this.value.set(next.join(''));
  }

  private emitIfComplete(): void {
    if (this.complete()) this.completed.emit(this.cells().join(''));
  }
}
