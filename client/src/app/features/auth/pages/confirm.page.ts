import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import { ResendButtonComponent } from '../../../shared/ui/resend-button/resend-button.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { showCodeError, showCodeResent, showResendError } from '../../../shared/util/code-error';
import { createCountdown } from '../../../shared/util/countdown';
import { EMAIL_VALIDATORS } from '../../../shared/util/form-validators';
import { AuthCardComponent } from '../components/auth-card.component';
import { safeReturnUrl } from '../data-access/return-url';

/** Step two of registration: the six-digit code from the email. `?email=` names the address, `?sent=1` that a code just went out. */
@Component({
  selector: 'wit-confirm-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    UiMessagePipe,
    AuthCardComponent,
    CodeInputComponent,
    FieldErrorComponent,
    SubmitButtonComponent,
    ResendButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-auth-card [heading]="'confirm.title' | t" [subtitle]="subtitle()">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (error(); as e) {
          <div class="alert alert--error form__alert" role="alert" data-testid="form-error">{{ e | msg }}</div>
        }
        @if (info(); as i) {
          <div class="alert alert--success form__alert" role="status">{{ i | msg }}</div>
        }

        @if (!emailFromLink()) {
          <div class="field">
            <label class="field__label" for="confirm-email">{{ 'common.email' | t }}</label>
            <input
              id="confirm-email"
              class="input"
              type="email"
              autocomplete="email"
              formControlName="email"
              data-testid="confirm-email"
              [attr.aria-invalid]="emailControl.touched && emailControl.invalid ? 'true' : null"
            />
            <wit-field-error [control]="emailControl" />
          </div>
        }

        <div class="field code-field">
          <span class="field__label" id="confirm-code-label">{{ 'confirm.codeLabel' | t }}</span>
          <wit-code-input
            labelId="confirm-code-label"
            [(value)]="code"
            [invalid]="codeWrong() && code().length === 0"
            [disabled]="loading()"
            (completed)="submit()"
          />
        </div>

        <div class="form__actions">
          <wit-submit-button block testId="confirm-submit" [loading]="loading()" [disabled]="code().length < 6">{{
            'confirm.submit' | t
          }}</wit-submit-button>
          <wit-resend-button [countdown]="countdown" [busy]="resending()" [primary]="codeDead()" (resend)="resend()" />
        </div>
      </form>
      <p class="form__alt">
        {{ 'confirm.wrongAddress' | t }} <a routerLink="/register">{{ 'confirm.registerAgain' | t }}</a>
      </p>
    </wit-auth-card>
  `,
  styles: `
    .code-field {
      align-items: stretch;
    }
    .code-field .field__label {
      margin-bottom: var(--wit-space-2);
    }
  `,
})
export class ConfirmPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  /** Query parameters (router input binding). */
  readonly email = input<string>('');
  readonly sent = input<string>('');
  readonly returnUrl = input<string>('');

  /** A FormGroup, so its directive handles submit (a form without one is submitted natively: a page reload). */
  readonly form = inject(NonNullableFormBuilder).group({ email: ['', EMAIL_VALIDATORS] });
  readonly emailControl = this.form.controls.email;
  readonly code = signal('');
  readonly loading = signal(false);
  readonly resending = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly info = signal<UiMessage | null>(null);
  readonly codeWrong = signal(false);
  readonly codeDead = signal(false);
  readonly countdown = createCountdown();

  private readonly codeInput = viewChild.required(CodeInputComponent);

  readonly emailFromLink = computed(() => this.email().trim());
  readonly subtitle = computed(() => {
    const email = this.emailFromLink();
    return email ? this.i18n.t('confirm.subtitle', { email }) : this.i18n.t('confirm.subtitleNoEmail');
  });

  ngOnInit(): void {
    // Arriving straight from registration: a code was just mailed, so the server would refuse another for a minute.
    if (this.sent()) this.countdown.start(RESEND_COOLDOWN_SECONDS);
  }

  private targetEmail(): string | null {
    const fromLink = this.emailFromLink();
    if (fromLink) return fromLink;
    this.emailControl.markAsTouched();
    return this.emailControl.valid ? this.emailControl.value.trim() : null;
  }

  submit(): void {
    if (this.loading()) return;
    const email = this.targetEmail();
    const code = this.code();
    if (!email) return;
    if (code.length < 6) {
      this.error.set(msg('validation.codeIncomplete'));
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    this.info.set(null);
    this.auth
      .confirm(email, code)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          this.notices.success(this.i18n.t('confirm.success'));
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (err: unknown) => {
          this.loading.set(false);
          showCodeError(this, err, () => this.codeInput().focus(0));
        },
      });
  }

  resend(): void {
    const email = this.targetEmail();
    if (!email || this.resending()) return;
    this.resending.set(true);
    this.error.set(null);
    this.info.set(null);
    this.auth
      .resendCode(email)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.resending.set(false);
          showCodeResent(this);
          setTimeout(() => this.codeInput().focus(0));
        },
        error: (err: unknown) => {
          this.resending.set(false);
          showResendError(this, err);
        },
      });
  }
}
