import { type HttpEvent, HttpEventType } from '@angular/common/http';
import type { Image } from '@world-it/contracts';

import { errorStatus } from '../../../core/http/api-error';
import type { TranslationKey } from '../../../core/i18n/en';

/** Where one upload stands: bytes on their way (0..99 %), or the stored `Image`. */
export type UploadStep = { kind: 'progress'; percent: number } | { kind: 'done'; image: Image };

/** Why an upload was refused, before it left (checked here) or by the server (its status). */
export type UploadProblem = 'badType' | 'tooBig' | 'failed';

/** What a person is told for each problem (the photo and avatar uploaders; the chat composer words its own). */
export const UPLOAD_PROBLEM_KEYS: Record<UploadProblem, TranslationKey> = {
  badType: 'upload.badType',
  tooBig: 'upload.tooBig',
  failed: 'upload.failed',
};

/**
 * One HTTP event of an upload as a step, or null for events that change nothing (sent, headers).
 * Progress stays below 100 until the server has answered: the last byte sent is not yet a stored
 * picture (the server still checks, strips and thumbnails it).
 */
export function toUploadStep(event: HttpEvent<Image>): UploadStep | null {
  if (event.type === HttpEventType.UploadProgress) {
    const percent = event.total ? Math.round((event.loaded / event.total) * 100) : 0;
    return { kind: 'progress', percent: Math.max(0, Math.min(percent, 99)) };
  }
  if (event.type === HttpEventType.Response) {
    return event.body ? { kind: 'done', image: event.body } : null;
  }
  return null;
}

/** The server's refusal of an upload: 413 too big, 400 not a picture it takes, anything else failed. */
export function uploadProblemOf(err: unknown): UploadProblem {
  const status = errorStatus(err);
  if (status === 413) return 'tooBig';
  if (status === 400 || status === 415) return 'badType';
  return 'failed';
}
