import { ValidateIf } from 'class-validator';

/**
 * An optional field that may not be null: absent means "not given", `null` is validated (and so
 * refused by the field's own rules, a 400 naming it). class-validator's `@IsOptional()` skips null
 * too, which let `{ "name": null }` through to a NOT NULL column (a 500). Use `@IsOptional()` only
 * where null is a meaning of its own (and say which).
 */
export function IsOptionalNonNull(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}
