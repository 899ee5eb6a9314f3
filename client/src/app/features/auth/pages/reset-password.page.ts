import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { RESEND_COOLDOWN_SECONDS } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { CodeInputComponent } from '../../../shared/ui/code-input/code-input.component';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordStrengthComponent } from '../../../shared/ui/password-strength/password-strength.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { ResendButtonComponent } from '../../../shared/ui/resend-button/resend-button.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { showCodeError, showCodeResent, showResendError } from '../../../shared/util/code-error';
import { createCountdown } from '../../../shared/util/countdown';
import {
  ariaInvalid,
  EMAIL_VALIDATORS,
  focusFirstInvalid,
  NEW_PASSWORD_VALIDATORS,
} from '../../../shared/util/form-validators';
import { AuthCardComponent } from '../components/auth-card.component';

@Component({
  selector: 'wit-reset-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    UiMessagePipe,
    AuthCardComponent,
    CodeInputComponent,
    FieldErrorComponent,
    PasswordStrengthComponent,
    PasswordInputComponent,
    SubmitButtonComponent,
    ResendButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-auth-card [heading]="'reset.title' | t" [subtitle]="'reset.subtitle' | t">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (error(); as e) {
          <div class="alert alert--error form__alert" role="alert" data-testid="form-error">{{ e | msg }}</div>
        }
        @if (info(); as i) {
          <div class="alert alert--success form__alert" role="status">{{ i | msg }}</div>
        }

        <div class="field">
          <label class="field__label" for="reset-email">{{ 'common.email' | t }}</label>
          <input
            id="reset-email"
            class="input"
            type="email"
            autocomplete="username"
            formControlName="email"
            data-testid="reset-email"
            [attr.aria-invalid]="invalid('email')"
          />
          <wit-field-error [control]="form.controls.email" />
        </div>

        <div class="field">
          <span class="field__label" id="reset-code-label">{{ 'confirm.codeLabel' | t }}</span>
          <wit-code-input
            labelId="reset-code-label"
            [(value)]="code"
            [invalid]="codeWrong() && code().length === 0"
            [disabled]="loading()"
          />
        </div>

        <div class="field">
          <label class="field__label" for="reset-password">{{ 'reset.newPassword' | t }}</label>
          <wit-password-input
            [control]="form.controls.newPassword"
            inputId="reset-password"
            autocomplete="new-password"
            testId="reset-password"
            describedBy="reset-password-strength"
            [invalid]="invalid('newPassword')"
          />
          <wit-password-strength [password]="password()" id="reset-password-strength" />
          <wit-field-error [control]="form.controls.newPassword" />
        </div>

        <div class="form__actions">
          <wit-submit-button block testId="reset-submit" [loading]="loading()">{{
            'reset.submit' | t
          }}</wit-submit-button>
          <wit-resend-button [countdown]="countdown" [busy]="resending()" [primary]="codeDead()" (resend)="resend()" />
        </div>
      </form>
      <p class="form__alt">
        <a routerLink="/login">{{ 'forgot.backToLogin' | t }}</a>
      </p>
    </wit-auth-card>
  `,
})
export class ResetPasswordPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly email = input<string>('');
  readonly sent = input<string>('');

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', EMAIL_VALIDATORS],
    newPassword: ['', NEW_PASSWORD_VALIDATORS],
  });
  readonly password = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });
  readonly code = signal('');
  readonly loading = signal(false);
  readonly resending = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly info = signal<UiMessage | null>(null);
  readonly codeWrong = signal(false);
  readonly codeDead = signal(false);
  readonly countdown = createCountdown();

  private readonly codeInput = viewChild.required(CodeInputComponent);

  ngOnInit(): void {
    if (this.email()) this.form.controls.email.setValue(this.email());
    if (this.sent()) this.countdown.start(RESEND_COOLDOWN_SECONDS);
  }

  invalid(name: 'email' | 'newPassword'): 'true' | null {
    return ariaInvalid(this.form.controls[name]);
  }

  submit(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    if (this.code().length < 6) {
      this.error.set(msg('validation.codeIncomplete'));
      this.codeInput().focus(this.code().length);
      return;
    }
    const email = this.form.controls.email.value.trim();
    this.loading.set(true);
    this.error.set(null);
    this.info.set(null);
    this.auth
      .resetPassword({ email, code: this.code(), newPassword: this.form.controls.newPassword.value })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          this.notices.success(this.i18n.t('reset.success'));
          void this.router.navigate(['/login'], { queryParams: { email } });
        },
        error: (err: unknown) => {
          this.loading.set(false);
          showCodeError(this, err, () => this.codeInput().focus(0));
        },
      });
  }

  resend(): void {
    const control = this.form.controls.email;
    control.markAsTouched();
    if (control.invalid || this.resending()) return;
    this.resending.set(true);
    this.error.set(null);
    this.info.set(null);
    this.auth
      .forgotPassword(control.value.trim())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.resending.set(false);
          showCodeResent(this);
        },
        error: (err: unknown) => {
          this.resending.set(false);
          showResendError(this, err);
        },
      });
  }
}
