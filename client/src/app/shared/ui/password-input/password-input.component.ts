import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';

import { PasswordToggleComponent } from '../password-toggle/password-toggle.component';

/**
 * A password field with its show/hide eye. It binds the parent's control directly (no
 * ControlValueAccessor), so the native input keeps the form classes, the id its label points at and
 * every ARIA attribute; the host takes no box of its own.
 */
@Component({
  selector: 'wit-password-input',
  imports: [ReactiveFormsModule, PasswordToggleComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="input-group">
      <input
        #field
        [id]="inputId()"
        class="input"
        type="password"
        [attr.autocomplete]="autocomplete()"
        [formControl]="control()"
        [attr.data-testid]="testId()"
        [attr.aria-describedby]="describedBy()"
        [attr.aria-invalid]="invalid()"
      />
      <wit-password-toggle [for]="field" />
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class PasswordInputComponent {
  readonly control = input.required<FormControl<string>>();
  readonly inputId = input.required<string>();
  readonly autocomplete = input.required<'current-password' | 'new-password'>();
  readonly testId = input<string | null>(null);
  readonly invalid = input<'true' | null>(null);
  readonly describedBy = input<string | null>(null);
}
