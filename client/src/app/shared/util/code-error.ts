import type { WritableSignal } from '@angular/core';
import { RESEND_COOLDOWN_SECONDS } from '@world-it/contracts';

import { errorBody, errorStatus } from '../../core/http/api-error';
import { genericErrorMessage, msg, type UiMessage } from '../../core/i18n/ui-message';
import type { Countdown } from './countdown';

export interface CodeErrorView {
  message: UiMessage;
  /** The code can no longer work (expired or too many wrong tries): the user needs a new one. */
  dead: boolean;
  /** The code was wrong; clear the boxes and let the user try again. */
  wrong: boolean;
}

/** Reads a failed code confirmation (registration, password reset, email change) the same way everywhere. */
export function codeErrorView(err: unknown): CodeErrorView {
  const status = errorStatus(err);
  const body = errorBody(err);
  if (status === 410) return { message: msg('confirm.deadCode'), dead: true, wrong: true };
  if (status === 400 && body && typeof body.attemptsLeft === 'number') {
    return body.attemptsLeft <= 0
      ? { message: msg('confirm.deadCode'), dead: true, wrong: true }
      : { message: msg('confirm.wrongCode', { n: body.attemptsLeft }), dead: false, wrong: true };
  }
  if (status === 400 && body?.code === 'code_invalid') {
    return { message: msg('confirm.wrongCodeNoCount'), dead: false, wrong: true };
  }
  if (status === 400 && body?.code === 'code_expired') {
    return { message: msg('confirm.deadCode'), dead: true, wrong: true };
  }
  return { message: genericErrorMessage(err), dead: false, wrong: false };
}

/** The view state of a "type the emailed code" step (confirm, reset password, change email). */
export interface CodeStep {
  readonly error: WritableSignal<UiMessage | null>;
  readonly code: WritableSignal<string>;
  readonly codeWrong: WritableSignal<boolean>;
  /** Only where the page offers a fresh code once this one is dead. */
  readonly codeDead?: WritableSignal<boolean>;
}

/** Shows a failed confirmation; a wrong code empties the boxes, then `refocus` runs once the view has updated. */
export function showCodeError(step: CodeStep, err: unknown, refocus: () => void): void {
  const view = codeErrorView(err);
  step.error.set(view.message);
  step.codeWrong.set(view.wrong);
  step.codeDead?.set(view.dead);
  if (view.wrong) {
    step.code.set('');
    setTimeout(refocus);
  }
}

/** A new code went out: empty boxes, a notice, and no other resend until the cooldown ends. */
export function showCodeResent(
  step: CodeStep & { readonly info: WritableSignal<UiMessage | null>; readonly countdown: Countdown },
): void {
  step.codeDead?.set(false);
  step.codeWrong.set(false);
  step.code.set('');
  step.info.set(msg('confirm.resent'));
  step.countdown.start(RESEND_COOLDOWN_SECONDS);
}

/** A refused resend; a 429 means a code went out less than a cooldown ago, so the countdown restarts. */
export function showResendError(
  step: { readonly error: WritableSignal<UiMessage | null>; readonly countdown: Countdown },
  err: unknown,
): void {
  if (errorStatus(err) === 429) {
    step.error.set(msg('confirm.tooSoon'));
    step.countdown.start(RESEND_COOLDOWN_SECONDS);
  } else {
    step.error.set(genericErrorMessage(err));
  }
}
