import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isEmail, IsString, Length, Matches, MaxLength, ValidateBy } from 'class-validator';
import { hasLoneSurrogate } from '../../common/validation/input-text';
import { CODE_LENGTH, PASSWORD_MAX, PASSWORD_MIN } from '@world-it/contracts';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An email address, trimmed; at most 254 characters. Messages name the field. */
export function EmailField(name = 'email'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'ada@example.com', maxLength: 254 }),
    trim,
    IsString({ message: `${name} must be a string` }),
    MaxLength(254, { message: `${name} must be at most 254 characters` }),
    IsEmailAddress({ message: `${name} must be an email address` }),
  );
}

/**
 * class-validator's isEmail, made total: it throws (URIError) on some strings, e.g. one holding a
 * lone surrogate, which was a 500. Anything it cannot judge is simply not an email address.
 */
export function isEmailAddress(value: unknown): boolean {
  if (typeof value !== 'string' || hasLoneSurrogate(value)) return false;
  try {
    return isEmail(value);
  } catch {
    return false;
  }
}

function IsEmailAddress(options: { message: string }): PropertyDecorator {
  return ValidateBy({ name: 'isEmail', validator: { validate: isEmailAddress } }, options);
}

export function PasswordField(name = 'password'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, example: 'correct horse battery' }),
    IsString({ message: `${name} must be a string` }),
    Length(PASSWORD_MIN, PASSWORD_MAX, {
      message: `${name} must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`,
    }),
  );
}

/** The current password when checking it: any non-empty string up to the maximum (old rules may differ). */
export function CurrentPasswordField(name: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: PASSWORD_MAX }),
    IsString({ message: `${name} must be a string` }),
    Length(1, PASSWORD_MAX, { message: `${name} must be 1 to ${PASSWORD_MAX} characters long` }),
  );
}

/** The 6-digit code; spaces and dashes a user pastes along are ignored. */
export function CodeField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: '042917', pattern: `^\\d{${CODE_LENGTH}}$` }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') : value)),
    IsString({ message: 'code must be a string' }),
    Matches(new RegExp(`^\\d{${CODE_LENGTH}}$`), { message: `code must be ${CODE_LENGTH} digits` }),
  );
}

export function RefreshTokenField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'The refresh token from login, confirm or the last refresh' }),
    IsString({ message: 'refreshToken must be a string' }),
    Length(1, 500, { message: 'refreshToken must be 1 to 500 characters long' }),
  );
}

export { trim as Trim };
