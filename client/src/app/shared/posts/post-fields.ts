import { POST_LINK_MAX_LENGTH, POST_TAG_MAX_LENGTH } from '@world-it/contracts';

/** A tag as the server stores it: trimmed, lower-case, without leading `#`, inner spaces as `-`. */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/^#+/, '').trim().replace(/\s+/g, '-').toLowerCase();
}

/** Letters and digits of any script, `-` and `_` (the server's rule, so a chip never fails later). */
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

export function isValidTag(tag: string): boolean {
  return tag.length >= 1 && tag.length <= POST_TAG_MAX_LENGTH && TAG_PATTERN.test(tag);
}

/** An absolute http(s) URL with a host and no spaces: what the server keeps as a link. */
export function isHttpUrl(value: string): boolean {
  if (value.length > POST_LINK_MAX_LENGTH || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** "github.com" for https://www.github.com/x: what a link chip shows. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
