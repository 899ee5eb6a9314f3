import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordStrengthComponent } from '../../../shared/ui/password-strength/password-strength.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import {
  ariaInvalid,
  DISPLAY_NAME_VALIDATORS,
  EMAIL_VALIDATORS,
  focusFirstInvalid,
  NEW_PASSWORD_VALIDATORS,
} from '../../../shared/util/form-validators';
import { AuthCardComponent } from '../components/auth-card.component';

@Component({
  selector: 'wit-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    UiMessagePipe,
    AuthCardComponent,
    FieldErrorComponent,
    PasswordStrengthComponent,
    PasswordInputComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-auth-card [heading]="'register.title' | t" [subtitle]="'register.subtitle' | t">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (error(); as e) {
          <div class="alert alert--error form__alert" role="alert" data-testid="form-error">
            <span>{{ e | msg }}</span>
            @if (emailTaken()) {
              <span>
                <a routerLink="/login" [queryParams]="{ email: form.controls.email.value }">{{ 'menu.login' | t }}</a>
                ·
                <a routerLink="/forgot-password" [queryParams]="{ email: form.controls.email.value }">{{
                  'login.forgot' | t
                }}</a>
              </span>
            }
          </div>
        }

        <div class="field">
          <label class="field__label" for="reg-email">{{ 'common.email' | t }}</label>
          <input
            id="reg-email"
            class="input"
            type="email"
            formControlName="email"
            autocomplete="email"
            inputmode="email"
            spellcheck="false"
            data-testid="reg-email"
            [attr.aria-invalid]="invalid('email')"
            [attr.aria-describedby]="invalid('email') ? 'reg-email-error' : null"
          />
          <wit-field-error [control]="form.controls.email" id="reg-email-error" />
        </div>

        <div class="field">
          <label class="field__label" for="reg-name">{{ 'register.displayName' | t }}</label>
          <input
            id="reg-name"
            class="input"
            type="text"
            formControlName="displayName"
            autocomplete="nickname"
            maxlength="50"
            data-testid="reg-name"
            [attr.aria-invalid]="invalid('displayName')"
            [attr.aria-describedby]="invalid('displayName') ? 'reg-name-hint reg-name-error' : 'reg-name-hint'"
          />
          <p class="field__hint" id="reg-name-hint">{{ 'register.displayNameHint' | t }}</p>
          <wit-field-error [control]="form.controls.displayName" id="reg-name-error" />
        </div>

        <div class="field">
          <label class="field__label" for="reg-password">{{ 'common.password' | t }}</label>
          <wit-password-input
            [control]="form.controls.password"
            inputId="reg-password"
            autocomplete="new-password"
            testId="reg-password"
            [describedBy]="invalid('password') ? 'reg-password-strength reg-password-error' : 'reg-password-strength'"
            [invalid]="invalid('password')"
          />
          <wit-password-strength [password]="password()" id="reg-password-strength" />
          <wit-field-error [control]="form.controls.password" id="reg-password-error" />
        </div>

        <div class="form__actions">
          <wit-submit-button block testId="reg-submit" [loading]="loading()">{{
            'register.submit' | t
          }}</wit-submit-button>
        </div>
      </form>
      <p class="form__alt">
        {{ 'register.haveAccount' | t }} <a routerLink="/login">{{ 'menu.login' | t }}</a>
      </p>
    </wit-auth-card>
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', EMAIL_VALIDATORS],
    displayName: ['', DISPLAY_NAME_VALIDATORS],
    password: ['', NEW_PASSWORD_VALIDATORS],
  });

  readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  readonly loading = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly emailTaken = signal(false);

  invalid(name: 'email' | 'displayName' | 'password'): 'true' | null {
    return ariaInvalid(this.form.controls[name]);
  }

  submit(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const { email, displayName, password } = this.form.getRawValue();
    const cleanEmail = email.trim();
    this.loading.set(true);
    this.error.set(null);
    this.emailTaken.set(false);
    this.auth
      .register({ email: cleanEmail, password, displayName: displayName.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          void this.router.navigate(['/confirm'], { queryParams: { email: cleanEmail, sent: 1 } });
        },
        error: (err: unknown) => {
          this.loading.set(false);
          if (errorStatus(err) === 409) {
            this.emailTaken.set(true);
            this.error.set(msg('register.emailTaken'));
          } else {
            this.error.set(genericErrorMessage(err));
          }
        },
      });
  }
}
