import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordStrengthComponent } from '../../../shared/ui/password-strength/password-strength.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { ariaInvalid, focusFirstInvalid, NEW_PASSWORD_VALIDATORS } from '../../../shared/util/form-validators';

/** A "new" password equal to the current one is no change at all. */
function differentFromCurrent(group: AbstractControl): ValidationErrors | null {
  const current = group.get('currentPassword')?.value as string | undefined;
  const next = group.get('newPassword')?.value as string | undefined;
  return current && next && current === next ? { sameAsCurrent: true } : null;
}

@Component({
  selector: 'wit-change-password-form',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    UiMessagePipe,
    FieldErrorComponent,
    PasswordStrengthComponent,
    PasswordInputComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="change-password-form">
      @if (error(); as e) {
        <div class="alert alert--error form__alert" role="alert">{{ e | msg }}</div>
      }
      @if (done()) {
        <div class="alert alert--success form__alert" role="status">{{ 'settings.passwordChanged' | t }}</div>
      }
      <div class="field">
        <label class="field__label" for="cp-current">{{ 'settings.currentPassword' | t }}</label>
        <wit-password-input
          [control]="form.controls.currentPassword"
          inputId="cp-current"
          autocomplete="current-password"
          testId="cp-current"
          [invalid]="invalid('currentPassword')"
        />
        <wit-field-error [control]="form.controls.currentPassword" />
      </div>
      <div class="field">
        <label class="field__label" for="cp-new">{{ 'settings.newPassword' | t }}</label>
        <wit-password-input
          [control]="form.controls.newPassword"
          inputId="cp-new"
          autocomplete="new-password"
          testId="cp-new"
          describedBy="cp-strength"
          [invalid]="invalid('newPassword')"
        />
        <wit-password-strength [password]="newPassword()" id="cp-strength" />
        <wit-field-error [control]="form.controls.newPassword" />
        @if (form.hasError('sameAsCurrent') && form.controls.newPassword.touched) {
          <p class="field__error">{{ 'validation.passwordsMatch' | t }}</p>
        }
      </div>
      <div class="form__actions form__actions--inline">
        <wit-submit-button testId="cp-submit" [loading]="loading()">{{
          'settings.changePassword' | t
        }}</wit-submit-button>
      </div>
    </form>
  `,
})
export class ChangePasswordFormComponent {
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', NEW_PASSWORD_VALIDATORS],
    },
    { validators: differentFromCurrent },
  );
  readonly newPassword = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });
  readonly loading = signal(false);
  readonly done = signal(false);
  readonly error = signal<UiMessage | null>(null);

  invalid(name: 'currentPassword' | 'newPassword'): 'true' | null {
    return ariaInvalid(this.form.controls[name]);
  }

  submit(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    this.done.set(false);
    this.auth
      .changePassword(this.form.getRawValue())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          this.done.set(true);
          this.form.reset();
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(errorStatus(err) === 403 ? msg('settings.wrongCurrentPassword') : genericErrorMessage(err));
        },
      });
  }
}
