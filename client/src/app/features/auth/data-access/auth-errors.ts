import { errorBody } from '../../../core/http/api-error';

/**
 * A 403 from login means either "email not confirmed" or "banned". The contract gives both the same
 * status, so tell them apart by the machine code when the server sends one, else by the message.
 */
export function isUnconfirmedLogin(err: unknown): boolean {
  const body = errorBody(err);
  if (!body) return false;
  if (body.code) return /unconfirmed|not_confirmed|confirm|verif/i.test(body.code);
  const text = Array.isArray(body.message) ? body.message.join(' ') : body.message;
  return /confirm|verif/i.test(text) && !/ban|block/i.test(text);
}
