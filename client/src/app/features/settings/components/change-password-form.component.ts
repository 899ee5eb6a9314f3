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
import { PasswordToggleComponent } from '../../../shared/ui/password-toggle/password-toggle.component';
import { focusFirstInvalid, NEW_PASSWORD_VALIDATORS } from '../../../shared/util/form-validators';

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
    PasswordToggleComponent,
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
        <div class="input-group">
          <input
            #current
            id="cp-current"
            class="input"
            type="password"
            autocomplete="current-password"
            formControlName="currentPassword"
            data-testid="cp-current"
            [attr.aria-invalid]="invalid('currentPassword')"
          />
          <wit-password-toggle [for]="current" />
        </div>
        <wit-field-error [control]="form.controls.currentPassword" />
      </div>
      <div class="field">
        <label class="field__label" for="cp-new">{{ 'settings.newPassword' | t }}</label>
        <div class="input-group">
          <input
            #next
            id="cp-new"
            class="input"
            type="password"
            autocomplete="new-password"
            formControlName="newPassword"
            data-testid="cp-new"
            aria-describedby="cp-strength"
            [attr.aria-invalid]="invalid('newPassword')"
          />
          <wit-password-toggle [for]="next" />
        </div>
        <wit-password-strength [password]="newPassword()" id="cp-strength" />
        <wit-field-error [control]="form.controls.newPassword" />
        @if (form.hasError('sameAsCurrent') && form.controls.newPassword.touched) {
          <p class="field__error">{{ 'validation.passwordsMatch' | t }}</p>
        }
      </div>
      <div class="form__actions form__actions--inline">
        <button
          class="btn btn--primary"
          type="submit"
          data-testid="cp-submit"
          [disabled]="loading()"
          [attr.aria-busy]="loading()"
        >
          @if (loading()) {
            <span class="spinner" aria-hidden="true"></span>
          }
          {{ 'settings.changePassword' | t }}
        </button>
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
    const control = this.form.controls[name];
    return control.touched && control.invalid ? 'true' : null;
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
