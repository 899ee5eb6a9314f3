import { AbstractControl, ValidationErrors, Validators } from '@angular/forms';
import { DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '@world-it/contracts';

/** Like `required`, but a value of only spaces counts as empty too. */
export function requiredTrimmed(control: AbstractControl<string>): ValidationErrors | null {
  return typeof control.value === 'string' && control.value.trim() === '' ? { required: true } : null;
}

export const EMAIL_VALIDATORS = [Validators.required, Validators.email, Validators.maxLength(254)];
export const NEW_PASSWORD_VALIDATORS = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN),
  Validators.maxLength(PASSWORD_MAX),
];
export const DISPLAY_NAME_VALIDATORS = [requiredTrimmed, Validators.maxLength(DISPLAY_NAME_MAX)];

/** Focuses the first invalid field of a form so keyboard and screen-reader users land on the problem. */
export function focusFirstInvalid(root: HTMLElement): void {
  root.querySelector<HTMLElement>('[aria-invalid="true"], .ng-invalid:not(form):not([role="group"])')?.focus();
}

/** `aria-invalid` for a control: "true" once the user has touched it and it fails validation, else absent. */
export function ariaInvalid(control: AbstractControl): 'true' | null {
  return control.touched && control.invalid ? 'true' : null;
}
