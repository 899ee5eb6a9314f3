import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

const MAX_DEPTH = 10;

/**
 * PostgreSQL text cannot hold U+0000, so a string with one would fail in the database (a 500). This
 * runs before validation on every body, query and path value and answers 400 naming the field.
 */
@Injectable()
export class NoNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const where = findNul(value, metadata.type === 'param' ? (metadata.data ?? 'id') : (metadata.data ?? ''), 0);
    if (where !== null) throw new BadRequestException([`${where || 'body'} must not contain NUL characters`]);
    return value;
  }
}

/** The path of the first string holding U+0000 (e.g. `imageIds.2`), or null. */
export function findNul(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return null;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = findNul(v, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
