import { POST_LINK_MAX_LENGTH, POST_TAG_MAX_LENGTH } from '@world-it/contracts';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A tag as stored: trimmed, lower-case, without leading `#`, inner spaces as `-`. */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/^#+/, '').trim().replace(/\s+/g, '-').toLowerCase();
}

/** Letters and digits of any script, `-` and `_`: what a tag page URL and a chip can show as is. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

export function isValidTag(tag: string): boolean {
  return tag.length >= 1 && tag.length <= POST_TAG_MAX_LENGTH && TAG_PATTERN.test(tag);
}

/** Tags normalised before validation, duplicates (after normalising) dropped, the author's order kept. */
export const NormaliseTags = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? [...new Set(value.map((t: unknown) => (typeof t === 'string' ? normaliseTag(t) : t)))]
      : value,
  );

export function IsTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTag',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTag(value),
        defaultMessage: () =>
          `each tag must be 1..${POST_TAG_MAX_LENGTH} letters, digits, "-" or "_" (a leading # is dropped)`,
      },
    },
    options,
  );
}

/** An absolute http(s) URL with a host, as a link card can open it. Never throws, whatever the string. */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > POST_LINK_MAX_LENGTH || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: isHttpUrl,
        defaultMessage: () => `each link must be an http or https URL of at most ${POST_LINK_MAX_LENGTH} characters`,
      },
    },
    options,
  );
}

/** Trims strings; leaves anything else for the type check to refuse. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Duplicated links are dropped, the first one kept. */
export const DedupeStrings = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value)] : value));
