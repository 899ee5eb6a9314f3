import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { ariaInvalid, EMAIL_VALIDATORS, focusFirstInvalid } from '../../../shared/util/form-validators';
import { AuthCardComponent } from '../components/auth-card.component';
import { isUnconfirmedLogin } from '../data-access/auth-errors';
import { safeReturnUrl } from '../data-access/return-url';

@Component({
  selector: 'wit-login-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    UiMessagePipe,
    AuthCardComponent,
    FieldErrorComponent,
    PasswordInputComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-auth-card [heading]="'login.title' | t" [subtitle]="'login.subtitle' | t">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (error(); as e) {
          <div class="alert alert--error form__alert" role="alert" data-testid="form-error">
            <span>{{ e | msg }}</span>
            @if (unconfirmed()) {
              <a
                routerLink="/confirm"
                [queryParams]="{ email: form.controls.email.value.trim() }"
                data-testid="login-confirm-link"
                >{{ 'login.confirmNow' | t }}</a
              >
            }
          </div>
        } @else if (notice() === 'account-deleted') {
          <div class="alert alert--info form__alert" role="status" data-testid="login-account-deleted">
            {{ 'privacy.deletedNotice' | t }}
          </div>
        } @else if (returnUrl() && returnUrl() !== '/') {
          <div class="alert alert--info form__alert" role="status">{{ 'login.returnNotice' | t }}</div>
        }

        <div class="field">
          <label class="field__label" for="login-email">{{ 'common.email' | t }}</label>
          <input
            id="login-email"
            class="input"
            type="email"
            formControlName="email"
            autocomplete="username"
            inputmode="email"
            spellcheck="false"
            data-testid="login-email"
            [attr.aria-invalid]="invalid('email')"
            [attr.aria-describedby]="invalid('email') ? 'login-email-error' : null"
          />
          <wit-field-error [control]="form.controls.email" id="login-email-error" />
        </div>

        <div class="field">
          <div class="form__row">
            <label class="field__label" for="login-password">{{ 'common.password' | t }}</label>
            <a
              class="forgot"
              routerLink="/forgot-password"
              [queryParams]="form.controls.email.valid ? { email: form.controls.email.value.trim() } : {}"
            >
              {{ 'login.forgot' | t }}
            </a>
          </div>
          <wit-password-input
            [control]="form.controls.password"
            inputId="login-password"
            autocomplete="current-password"
            testId="login-password"
            [describedBy]="invalid('password') ? 'login-password-error' : null"
            [invalid]="invalid('password')"
          />
          <wit-field-error [control]="form.controls.password" id="login-password-error" />
        </div>

        <div class="form__actions">
          <wit-submit-button block testId="login-submit" [loading]="loading()">{{
            'login.submit' | t
          }}</wit-submit-button>
        </div>
      </form>
      <p class="form__alt">
        {{ 'login.noAccount' | t }} <a routerLink="/register">{{ 'menu.register' | t }}</a>
      </p>
    </wit-auth-card>
  `,
  styles: `
    .forgot {
      font-size: var(--wit-text-sm);
    }
  `,
})
export class LoginPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  /** Query parameters (router input binding). */
  readonly returnUrl = input<string>('');
  readonly email = input<string>('');
  /** `account-deleted`: the account was just deleted (Settings → Delete account). */
  readonly notice = input<string>('');

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', EMAIL_VALIDATORS],
    password: ['', Validators.required],
  });
  readonly loading = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly unconfirmed = signal(false);

  ngOnInit(): void {
    if (this.email()) this.form.controls.email.setValue(this.email());
  }

  invalid(name: 'email' | 'password'): 'true' | null {
    return ariaInvalid(this.form.controls[name]);
  }

  submit(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.loading.set(true);
    this.error.set(null);
    this.unconfirmed.set(false);
    this.auth
      .login({ email: email.trim(), password })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (err: unknown) => {
          this.loading.set(false);
          const status = errorStatus(err);
          if (status === 401) {
            this.error.set(msg('login.wrongCredentials'));
          } else if (status === 403 && isUnconfirmedLogin(err)) {
            this.unconfirmed.set(true);
            this.error.set(msg('login.unconfirmed'));
          } else if (status === 403) {
            this.error.set(msg('login.banned'));
          } else {
            this.error.set(genericErrorMessage(err));
          }
        },
      });
  }
}
