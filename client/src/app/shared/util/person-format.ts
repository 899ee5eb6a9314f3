import type { Language, Profile } from '@world-it/contracts';

/** "First Last", or whichever part is filled in, or '' when neither is. */
export function fullName(p: Pick<Profile, 'firstName' | 'lastName'>): string {
  return [p.firstName, p.lastName]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

export function localeOf(lang: Language): string {
  return lang === 'uk' ? 'uk-UA' : 'en-GB';
}

/** A calendar date ('YYYY-MM-DD') as words, without a time-zone shift: "21 April 1990". */
export function formatCalendarDate(ymd: string, lang: Language): string {
  const [y, m, d] = ymd.split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "5 minutes ago", "yesterday", "3 weeks ago"; older than a year → the date. */
export function formatRelative(iso: string, lang: Language, now = Date.now()): string {
  const then = new Date(iso).getTime();
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  if (abs < 60) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / (7 * 86_400)), 'week');
  if (abs < 365 * 86_400) return rtf.format(Math.round(seconds / (30 * 86_400)), 'month');
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium' }).format(new Date(then));
}

/** Today as 'YYYY-MM-DD' in local time, for <input type="date" max>. */
export function todayYmd(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
