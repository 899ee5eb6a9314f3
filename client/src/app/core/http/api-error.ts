import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@world-it/contracts';

/** The Nest error body of a failed request, or null when the failure carried none (network, proxy). */
export function errorBody(err: unknown): ErrorBody | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  const body: unknown = err.error;
  if (body && typeof body === 'object' && 'statusCode' in body && 'message' in body) {
    return body as ErrorBody;
  }
  return null;
}

/** HTTP status of a failed request; 0 for a network failure or a non-HTTP error. */
export function errorStatus(err: unknown): number {
  return err instanceof HttpErrorResponse ? err.status : 0;
}

/** The server's human-readable `message` (validation arrays joined), if any. */
export function serverMessage(err: unknown): string | null {
  const body = errorBody(err);
  if (!body) return null;
  const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
  return message?.trim() ? message : null;
}
