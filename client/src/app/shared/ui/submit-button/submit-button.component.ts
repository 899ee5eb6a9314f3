import { booleanAttribute, ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The primary submit button of a form: while `loading` it is disabled, busy and shows a spinner.
 * The host takes no box of its own, so the button lays out exactly as if written in place.
 */
@Component({
  selector: 'wit-submit-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      class="btn"
      [class.btn--primary]="!danger()"
      [class.btn--danger]="danger()"
      [class.btn--block]="block()"
      type="submit"
      [attr.data-testid]="testId()"
      [disabled]="loading() || disabled()"
      [attr.aria-busy]="loading()"
    >
      @if (loading()) {
        <span class="spinner" aria-hidden="true"></span>
      }
      <ng-content />
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class SubmitButtonComponent {
  readonly loading = input(false);
  /** Disabled for a reason other than loading (say, an incomplete code). */
  readonly disabled = input(false);
  readonly block = input(false, { transform: booleanAttribute });
  /** A destructive submit (delete forever): the danger colour instead of the primary one. */
  readonly danger = input(false, { transform: booleanAttribute });
  readonly testId = input<string | null>(null);
}
