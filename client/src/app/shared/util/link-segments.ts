export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * http(s) URLs only: a scheme, then no whitespace or angle brackets/quotes. Anything else
 * (javascript:, data:, mailto:, bare domains) stays plain text.
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits message text into plain-text and link segments so templates can render each as text
 * (interpolation) or as an <a> with a vetted href — never as HTML.
 */
export function segmentText(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const push = (value: string): void => {
    if (!value) return;
    const prev = segments.at(-1);
    if (prev?.kind === 'text') prev.text += value;
    else segments.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let raw = match[0];
    const trailing = TRAILING_PUNCTUATION.exec(raw)?.[0] ?? '';
    // Keep a closing parenthesis that belongs to the URL, e.g. wiki links with "(...)".
    if (trailing && !(trailing.startsWith(')') && raw.slice(0, -trailing.length).includes('('))) {
      raw = raw.slice(0, -trailing.length);
    }
    const href = safeHref(raw);
    push(text.slice(last, start));
    if (href) segments.push({ kind: 'link', text: raw, href });
    else push(raw);
    last = start + raw.length;
  }
  push(text.slice(last));
  return segments;
}
