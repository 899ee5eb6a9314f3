import { errorBody, errorStatus } from '../../core/http/api-error';
import { genericErrorMessage, msg, type UiMessage } from '../../core/i18n/ui-message';

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
