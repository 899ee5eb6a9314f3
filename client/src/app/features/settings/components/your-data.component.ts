import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { RESEND_COOLDOWN_SECONDS } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { HttpErrorResponse } from '@angular/common/http';
import { errorStatus } from '../../../core/http/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { CodeInputComponent } from '../../../shared/ui/code-input/code-input.component';
import { DialogComponent } from '../../../shared/ui/dialog/dialog.component';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { PasswordInputComponent } from '../../../shared/ui/password-input/password-input.component';
import { ResendButtonComponent } from '../../../shared/ui/resend-button/resend-button.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { showCodeError } from '../../../shared/util/code-error';
import { createCountdown } from '../../../shared/util/countdown';
import { ariaInvalid, focusFirstInvalid } from '../../../shared/util/form-validators';
import { PrivacyApiService } from '../data-access/privacy-api.service';

type ExportState = 'idle' | 'sending' | 'queued' | 'limited' | 'failed';

/** Seconds from a 429's Retry-After header, when it has one. */
function retryAfterSeconds(err: unknown): number | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  const n = Number(err.headers.get('Retry-After'));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Settings → Your data: "Download my data" (an archive is mailed as a link) and "Delete account"
 * (a dialog: password → a code mailed to the account's address → "Delete forever" → signed out).
 */
@Component({
  selector: 'wit-your-data',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    UiMessagePipe,
    CodeInputComponent,
    DialogComponent,
    FieldErrorComponent,
    PasswordInputComponent,
    ResendButtonComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="data">
      <div class="data__block">
        <h3 class="data__title">{{ 'privacy.exportTitle' | t }}</h3>
        <p class="field__hint">{{ 'privacy.exportHint' | t }}</p>
        @switch (exportState()) {
          @case ('queued') {
            <div class="alert alert--success" role="status" data-testid="export-queued">
              {{ 'privacy.exportQueued' | t }}
            </div>
          }
          @case ('limited') {
            <div class="alert alert--error" role="alert" data-testid="export-limited">
              {{ 'privacy.exportLimited' | t: { min: retryMinutes() } }}
            </div>
          }
          @case ('failed') {
            <div class="alert alert--error" role="alert" data-testid="export-failed">
              {{ exportError() | msg }}
            </div>
          }
        }
        <div>
          <button
            type="button"
            class="btn btn--primary"
            data-testid="export-data"
            [disabled]="exportState() === 'sending' || exportState() === 'queued'"
            [attr.aria-busy]="exportState() === 'sending'"
            (click)="requestExport()"
          >
            @if (exportState() === 'sending') {
              <span class="spinner" aria-hidden="true"></span>
            }
            {{ 'privacy.exportButton' | t }}
          </button>
        </div>
      </div>

      <div class="data__block data__block--danger">
        <h3 class="data__title">{{ 'privacy.deleteTitle' | t }}</h3>
        <p class="field__hint">{{ 'privacy.deleteHint' | t }}</p>
        <div>
          <button type="button" class="btn btn--danger" data-testid="delete-account" (click)="openDelete()">
            {{ 'privacy.deleteButton' | t }}
          </button>
        </div>
      </div>
    </div>

    <wit-dialog
      [open]="dialogOpen()"
      [heading]="'privacy.deleteDialogTitle' | t"
      titleId="delete-account-title"
      testId="delete-account-dialog"
      (closed)="closeDelete()"
    >
      @if (dialogOpen()) {
        <div class="dialog__body del">
          <p class="del__warning">{{ 'privacy.deleteWarning' | t }}</p>
          @if (error(); as e) {
            <div class="alert alert--error" role="alert" data-testid="delete-error">{{ e | msg }}</div>
          }
          @if (codeSentTo(); as email) {
            <form (submit)="$event.preventDefault(); confirmDelete()" novalidate data-testid="delete-confirm-form">
              <div class="alert alert--info form__alert" role="status">
                {{ 'privacy.deleteCodeSent' | t: { email: email } }}
              </div>
              <div class="field">
                <span class="field__label" id="del-code-label">{{ 'confirm.codeLabel' | t }}</span>
                <wit-code-input
                  labelId="del-code-label"
                  [(value)]="code"
                  [invalid]="codeWrong() && code().length === 0"
                  [disabled]="loading()"
                />
              </div>
              <div class="form__actions form__actions--inline">
                <wit-submit-button
                  danger
                  testId="delete-forever"
                  [loading]="loading()"
                  [disabled]="code().length < 6"
                  >{{ 'privacy.deleteForever' | t }}</wit-submit-button
                >
                <wit-resend-button [countdown]="countdown" [busy]="loading()" [block]="false" (resend)="sendCode()" />
              </div>
            </form>
          } @else {
            <form [formGroup]="form" (ngSubmit)="sendCode()" novalidate data-testid="delete-password-form">
              <div class="field">
                <label class="field__label" for="del-password">{{ 'settings.passwordToConfirm' | t }}</label>
                <wit-password-input
                  [control]="form.controls.password"
                  inputId="del-password"
                  autocomplete="current-password"
                  testId="delete-password"
                  [invalid]="invalid()"
                />
                <wit-field-error [control]="form.controls.password" />
              </div>
              <div class="form__actions form__actions--inline">
                <wit-submit-button testId="delete-send-code" [loading]="loading()">{{
                  'privacy.sendCode' | t
                }}</wit-submit-button>
                <button class="btn btn--ghost" type="button" (click)="closeDelete()">{{ 'common.cancel' | t }}</button>
              </div>
            </form>
          }
        </div>
      }
    </wit-dialog>
  `,
  styles: `
    .data {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-6);
    }
    .data__block {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-2);
    }
    .data__block--danger {
      padding-top: var(--wit-space-5);
      border-top: 1px solid var(--wit-color-border);
    }
    .data__title {
      font-size: var(--wit-text-md);
    }
    .del {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
      padding: var(--wit-space-5) var(--wit-space-6) var(--wit-space-6);
    }
    .del__warning {
      margin: 0;
      line-height: 1.5;
    }
  `,
})
export class YourDataComponent {
  private readonly api = inject(PrivacyApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly exportState = signal<ExportState>('idle');
  readonly exportError = signal<UiMessage | null>(null);
  readonly retryMinutes = signal(60);

  readonly form = inject(NonNullableFormBuilder).group({ password: ['', Validators.required] });
  readonly dialogOpen = signal(false);
  readonly codeSentTo = signal<string | null>(null);
  readonly code = signal('');
  readonly codeWrong = signal(false);
  readonly loading = signal(false);
  readonly error = signal<UiMessage | null>(null);
  readonly countdown = createCountdown();
  private readonly codeInput = viewChild(CodeInputComponent);

  invalid(): 'true' | null {
    return ariaInvalid(this.form.controls.password);
  }

  requestExport(): void {
    if (this.exportState() === 'sending') return;
    this.exportState.set('sending');
    this.api
      .requestExport()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.exportState.set('queued'),
        error: (err: unknown) => {
          if (errorStatus(err) === 429) {
            this.retryMinutes.set(Math.max(1, Math.ceil((retryAfterSeconds(err) ?? 3600) / 60)));
            this.exportState.set('limited');
          } else {
            this.exportError.set(genericErrorMessage(err));
            this.exportState.set('failed');
          }
        },
      });
  }

  openDelete(): void {
    this.resetDelete();
    this.dialogOpen.set(true);
  }

  closeDelete(): void {
    this.dialogOpen.set(false);
    this.resetDelete();
  }

  /** Step one (and "send a new code"): the password is checked and a code mailed to the account's address. */
  sendCode(): void {
    if (this.loading()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    this.api
      .requestDeletionCode({ password: this.form.controls.password.value })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (res) => {
          this.loading.set(false);
          this.code.set('');
          this.codeWrong.set(false);
          this.codeSentTo.set(res.email);
          this.countdown.start(RESEND_COOLDOWN_SECONDS);
          setTimeout(() => this.codeInput()?.focus(0));
        },
        error: (err: unknown) => {
          this.loading.set(false);
          const status = errorStatus(err);
          if (status === 403) {
            this.error.set(msg('settings.wrongPassword'));
            this.codeSentTo.set(null);
          } else if (status === 429) {
            this.error.set(msg('confirm.tooSoon'));
            this.countdown.start(RESEND_COOLDOWN_SECONDS);
          } else this.error.set(genericErrorMessage(err));
        },
      });
  }

  /** Step two: password and code; then this device forgets the session and shows the login page. */
  confirmDelete(): void {
    if (this.loading() || this.code().length < 6) return;
    this.loading.set(true);
    this.error.set(null);
    this.api
      .deleteAccount({ password: this.form.controls.password.value, code: this.code() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          this.dialogOpen.set(false);
          this.auth.clearSession();
          void this.router.navigate(['/login'], { queryParams: { notice: 'account-deleted' } });
        },
        error: (err: unknown) => {
          this.loading.set(false);
          if (errorStatus(err) === 403) {
            this.error.set(msg('settings.wrongPassword'));
            this.codeSentTo.set(null);
            return;
          }
          showCodeError(this, err, () => this.codeInput()?.focus(0));
        },
      });
  }

  private resetDelete(): void {
    this.form.reset();
    this.codeSentTo.set(null);
    this.code.set('');
    this.codeWrong.set(false);
    this.error.set(null);
    this.loading.set(false);
    this.countdown.stop();
  }
}
