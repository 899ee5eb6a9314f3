import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './cursor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset position (time, id): the sort key of the last row of a page. Times have millisecond precision. */
export interface TimeKey {
  at: Date;
  id: string;
}

export function encodeTimeKey(at: Date | string, id: string): string {
  return encodeCursor({ t: (at instanceof Date ? at : new Date(at)).toISOString(), id });
}

/** null for no cursor; 400 for anything that is not a cursor we made. */
export function decodeTimeKey(cursor: string | undefined): TimeKey | null {
  const raw = decodeCursor(cursor, ['t', 'id'] as const);
  if (!raw) return null;
  const at = new Date(raw.t);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(raw.t) || !UUID.test(raw.id)) {
    throw new BadRequestException(['cursor is not valid']);
  }
  return { at, id: raw.id.toLowerCase() };
}
