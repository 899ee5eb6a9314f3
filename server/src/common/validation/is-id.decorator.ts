import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

const canonical = (value: unknown): unknown => {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  return value;
};

/**
 * A UUID in a body (or a list of them with `each`), in its canonical lower-case form — the body's
 * counterpart of `uuidParam`. PostgreSQL reads `ABC…` and `abc…` as the same uuid while the code
 * compares ids as strings (is it me? which of a pair sorts first? is it already in the list?), so
 * every id is canonical from the moment it is validated, and no service lower-cases on its own.
 */
export function IsId(options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => canonical(value)),
    IsUUID('all', { each: options.each }),
  );
}
