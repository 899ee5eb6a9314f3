import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DialogComponent } from '../dialog/dialog.component';

/** "Are you sure?" before anything that cannot be undone. */
@Component({
  selector: 'wit-confirm-dialog',
  imports: [DialogComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-dialog
      [open]="open()"
      [heading]="heading() ?? ('chats.confirm.title' | t)"
      titleId="confirm-title"
      testId="confirm-dialog"
      (closed)="closed.emit()"
    >
      <div class="dialog__body confirm">
        <p>{{ text() }}</p>
        <div class="dialog__actions">
          <button type="button" class="btn" data-testid="confirm-cancel" autofocus (click)="closed.emit()">
            {{ 'common.cancel' | t }}
          </button>
          <button
            type="button"
            class="btn"
            [class.btn--danger]="danger()"
            [class.btn--primary]="!danger()"
            data-testid="confirm-ok"
            [disabled]="busy()"
            (click)="confirmed.emit()"
          >
            @if (busy()) {
              <span class="spinner" aria-hidden="true"></span>
            }
            {{ confirmLabel() ?? ('chats.confirm.ok' | t) }}
          </button>
        </div>
      </div>
    </wit-dialog>
  `,
  styles: `
    .confirm {
      gap: var(--wit-space-5);
    }
  `,
})
export class ConfirmDialogComponent {
  readonly open = input(false);
  readonly heading = input<string | null>(null);
  readonly text = input('');
  readonly confirmLabel = input<string | null>(null);
  readonly danger = input(false);
  readonly busy = input(false);
  readonly confirmed = output<void>();
  readonly closed = output<void>();
}
