import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

const MAX_DEPTH = 10;

/**
 * PostgreSQL text cannot hold U+0000, so a string with one would fail in the database (a 500). Like
 * chat messages always did, every body, query and path string drops them before validation: what is
 * left is validated as usual (`"\u0000"` alone is an empty string, so a required name is a 400 naming it).
 */
@Injectable()
export class StripNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'custom' ? value : stripNul(value, 0);
  }
}

export function stripNul(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripNul(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = stripNul(record[key], depth + 1);
  return value;
}
