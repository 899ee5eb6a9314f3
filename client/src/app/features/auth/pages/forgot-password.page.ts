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
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { EMAIL_VALIDATORS, focusFirstInvalid } from '../../../shared/util/form-validators';
import { AuthCardComponent } from '../components/auth-card.component';

@Component({
  selector: 'wit-forgot-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    UiMessagePipe,
    AuthCardComponent,
    FieldErrorComponent,
    SubmitButtonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-auth-card [heading]="'forgot.title' | t" [subtitle]="'forgot.subtitle' | t">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (error(); as e) {
          <div class="alert alert--error form__alert" role="alert" data-testid="form-error">{{ e | msg }}</div>
        }
        <div class="field">
          <label class="field__label" for="forgot-email">{{ 'common.email' | t }}</label>
          <input
            id="forgot-email"
            class="input"
            type="email"
            autocomplete="email"
            inputmode="email"
            spellcheck="false"
            data-testid="forgot-email"
            formControlName="email"
            [attr.aria-invalid]="emailControl.touched && emailControl.invalid ? 'true' : null"
          />
          <wit-field-error [control]="emailControl" />
        </div>
        <div class="form__actions">
          <wit-submit-button block testId="forgot-submit" [loading]="loading()">{{
            'forgot.submit' | t
          }}</wit-submit-button>
        </div>
      </form>
      <p class="form__alt">
        <a routerLink="/login">{{ 'forgot.backToLogin' | t }}</a>
      </p>
    </wit-auth-card>
  `,
})
export class ForgotPasswordPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly email = input<string>('');
  /** A FormGroup, so its directive handles submit (a form without one is submitted natively: a page reload). */
  readonly form = inject(NonNullableFormBuilder).group({ email: ['', EMAIL_VALIDATORS] });
  readonly emailControl = this.form.controls.email;
  readonly loading = signal(false);
  readonly error = signal<UiMessage | null>(null);

  ngOnInit(): void {
    if (this.email()) this.emailControl.setValue(this.email());
  }

  submit(): void {
    if (this.loading()) return;
    this.emailControl.markAsTouched();
    if (this.emailControl.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const email = this.emailControl.value.trim();
    this.loading.set(true);
    this.error.set(null);
    this.auth
      .forgotPassword(email)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.loading.set(false);
          void this.router.navigate(['/reset-password'], { queryParams: { email, sent: 1 } });
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }
}
