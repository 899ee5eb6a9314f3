import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { ALBUM_YEAR_MIN } from '@world-it/contracts';

/** The latest year an album may carry: next year, as the server counts it. */
export function albumYearMax(now = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** '' (no year) or a whole year from ALBUM_YEAR_MIN to next year. */
export function albumYear(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  if (!value) return null;
  if (!/^\d{1,4}$/.test(value)) return { yearInvalid: true };
  const year = Number(value);
  return year < ALBUM_YEAR_MIN || year > albumYearMax() ? { yearInvalid: true } : null;
}

/** The form's text as the request's year: null when left empty. */
export function parseAlbumYear(value: string): number | null {
  const trimmed = value.trim();
  return trimmed ? Number(trimmed) : null;
}
