import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RESEND_COOLDOWN_SECONDS } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { CodeInputComponent } from '../../../shared/ui/code-input/code-input.component';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { showCodeError } from '../../../shared/util/code-error';
import { createCountdown } from '../../../shared/util/countdown';
import { ariaInvalid, EMAIL_VALIDATORS, focusFirstInvalid } from '../../../shared/util/form-validators';

/** Two steps: new address + password → a code mailed to the new address → the code boxes. */
@Component({
  selector: 'wit-change-email-form',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    UiMessagePipe,
    CodeInputComponent,
    FieldErrorComponent,
    PasswordInputComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="alert alert--error form__alert" role="alert">{{ e | msg }}</div>
    }
    @if (pendingEmail(); as pending) {
      <form (submit)="$event.preventDefault(); confirm()" novalidate data-testid="change-email-confirm">
        <div class="alert alert--info form__alert" role="status">
          {{ 'settings.emailCodeSent' | t: { email: pending } }}
        </div>
        <div class="field">
          <span class="field__label" id="ce-code-label">{{ 'confirm.codeLabel' | t }}</span>
          <wit-code-input
            labelId="ce-code-label"
            [(value)]="code"
            [invalid]="codeWrong() && code().length === 0"
            [disabled]="loading()"
            (completed)="confirm()"
          />
        </div>
        <div class="form__actions form__actions--inline">
          <wit-submit-button testId="ce-confirm" [loading]="loading()" [disabled]="code().length < 6">{{
            'settings.confirmEmail' | t
          }}</wit-submit-button>
          <button
            class="btn btn--ghost"
            type="button"
            data-testid="resend"
            [disabled]="loading() || countdown.running()"
            (click)="send()"
          >
            @if (countdown.running()) {
              {{ 'confirm.resendIn' | t: { s: countdown.secondsLeft() } }}
            } @else {
              {{ 'confirm.resend' | t }}
            }
          </button>
          <button class="btn btn--ghost" type="button" (click)="cancel()">{{ 'common.cancel' | t }}</button>
        </div>
      </form>
    } @else {
      <form [formGroup]="form" (ngSubmit)="send()" novalidate data-testid="change-email-form">
        <div class="field">
          <label class="field__label" for="ce-email">{{ 'settings.newEmail' | t }}</label>
          <input
            id="ce-email"
            class="input"
            type="email"
            autocomplete="email"
            spellcheck="false"
            formControlName="newEmail"
            data-testid="ce-email"
            [attr.aria-invalid]="invalid('newEmail')"
          />
          <wit-field-error [control]="form.controls.newEmail" />
        </div>
        <div class="field">
          <label class="field__label" for="ce-password">{{ 'settings.passwordToConfirm' | t }}</label>
          <wit-password-input
            [control]="form.controls.password"
            inputId="ce-password"
            autocomplete="current-password"
            testId="ce-password"
            [invalid]="invalid('password')"
          />
          <wit-field-error [control]="form.controls.password" />
        </div>
        <div class="form__actions form__actions--inline">
          <wit-submit-button testId="ce-submit" [loading]="loading()">{{
            'settings.sendEmailCode' | t
          }}</wit-submit-button>
        </div>
      </form>
    }
  `,
})
export class ChangeEmailFormComponent {
  private readonly auth = inject(AuthService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = inject(NonNullableFormBuilder).group({
    newEmail: ['', EMAIL_VALIDATORS],
    password: ['', Validators.required],
  });
  readonly pendingEmail = signal<string | null>(null);
  readonly code = signal('');
  readonly loading = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly codeWrong = signal(false);
  readonly countdown = createCountdown();
  private readonly codeInput = viewChild(CodeInputComponent);

  invalid(name: 'newEmail' | 'password'): 'true' | null {
    return ariaInvalid(this.form.controls[name]);
  }

  /** Step one (and "send a new code"): the server mails a code to the new address. */
  send(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const newEmail = this.form.controls.newEmail.value.trim();
    this.loading.set(true);
    this.error.set(null);
    this.auth
      .changeEmail({ newEmail, password: this.form.controls.password.value })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          this.code.set('');
          this.codeWrong.set(false);
          this.pendingEmail.set(newEmail);
          this.countdown.start(RESEND_COOLDOWN_SECONDS);
          setTimeout(() => this.codeInput()?.focus(0));
        },
        error: (err: unknown) => {
          this.loading.set(false);
          const status = errorStatus(err);
          if (status === 409) this.error.set(msg('settings.emailTaken'));
          else if (status === 403) this.error.set(msg('settings.wrongPassword'));
          else if (status === 429 && this.pendingEmail()) {
            this.error.set(msg('confirm.tooSoon'));
            this.countdown.start(RESEND_COOLDOWN_SECONDS);
          } else this.error.set(genericErrorMessage(err));
          if (status === 409 || status === 403) this.pendingEmail.set(null);
        },
      });
  }

  /** Step two: the code from the new inbox; the answer is the updated `Me`. */
  confirm(): void {
    if (this.loading() || this.code().length < 6) return;
    this.loading.set(true);
    this.error.set(null);
    this.auth
      .confirmEmailChange(this.code())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (me) => {
          this.loading.set(false);
          this.notices.success(this.i18n.t('settings.emailChanged', { email: me.email }));
          this.cancel();
        },
        error: (err: unknown) => {
          this.loading.set(false);
          showCodeError(this, err, () => this.codeInput()?.focus(0));
        },
      });
  }

  cancel(): void {
    this.pendingEmail.set(null);
    this.code.set('');
    this.codeWrong.set(false);
    this.error.set(null);
    this.countdown.stop();
    this.form.reset();
  }
}
