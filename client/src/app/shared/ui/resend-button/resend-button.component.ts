import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { Countdown } from '../../util/countdown';

/**
 * "Send a new code" under a code form: waits out the resend cooldown (countdown in its label), shows
 * a spinner while sending, and becomes the primary action once the code is dead.
 */
@Component({
  selector: 'wit-resend-button',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      class="btn"
      [class.btn--block]="block()"
      [class.btn--primary]="primary()"
      [class.btn--ghost]="!primary()"
      type="button"
      data-testid="resend"
      [disabled]="busy() || countdown().running()"
      [attr.aria-busy]="busy()"
      (click)="resend.emit()"
    >
      @if (busy()) {
        <span class="spinner" aria-hidden="true"></span>
      }
      @if (countdown().running()) {
        {{ 'confirm.resendIn' | t: { s: countdown().secondsLeft() } }}
      } @else {
        {{ 'confirm.resend' | t }}
      }
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ResendButtonComponent {
  readonly countdown = input.required<Countdown>();
  readonly busy = input(false);
  /** The code is dead: resending is the one thing left to do. */
  readonly primary = input(false);
  /** Full width under a stacked form (the default), or its natural width in a row of actions. */
  readonly block = input(true);
  readonly resend = output<void>();
}
