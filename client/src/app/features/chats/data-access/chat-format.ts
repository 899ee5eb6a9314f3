import type { Language, Message, Room, UserSummary } from '@world-it/contracts';

import type { TranslationKey } from '../../../core/i18n/en';
import type { TranslationParams } from '../../../core/i18n/i18n.service';

type Translate = (key: TranslationKey, params?: TranslationParams) => string;

const DAY_MS = 24 * 60 * 60 * 1000;

function locale(lang: Language): string {
  return lang === 'uk' ? 'uk-UA' : 'en-GB';
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Clock time of a message, e.g. "14:05". */
export function formatClock(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Short time for the room list: clock today, weekday this week, date otherwise. */
export function formatListTime(iso: string, lang: Language, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days <= 0) return formatClock(iso, lang);
  if (days < 7) return new Intl.DateTimeFormat(locale(lang), { weekday: 'short' }).format(date);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(
    locale(lang),
    sameYear ? { day: 'numeric', month: 'short' } : { dateStyle: 'short' },
  ).format(date);
}

/** The divider label above a day's messages: "Today", "Yesterday" or a full date. */
export function formatDay(day: Date, lang: Language, t: Translate, now = new Date()): string {
  const days = Math.round((startOfDay(now) - startOfDay(day)) / DAY_MS);
  if (days === 0) return t('chats.today');
  if (days === 1) return t('chats.yesterday');
  const sameYear = day.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(day);
}

/** One-line preview of a room's last message for the list. */
export function messagePreview(message: Message | null, myId: string | null, kind: Room['kind'], t: Translate): string {
  if (!message) return t('chats.noMessagesYet');
  const body = message.content.trim().replace(/\s+/g, ' ');
  let text = body;
  if (message.image) text = body ? `${t('chats.photoLabel')} ${body}` : t('chats.photoLabel');
  if (message.author.id === myId) return t('chats.youPrefix', { text });
  if (kind === 'group') return `${message.author.displayName}: ${text}`;
  return text;
}

/** A room-list preview split around the "Photo" label, so the list can draw an icon before it. */
export interface PreviewParts {
  before: string;
  /** The translated word for an image message (kept as text for screen readers), or null. */
  photo: string | null;
  after: string;
}

const PHOTO_MARK = '\u{E000}';

/** `messagePreview`, with the photo label cut out as its own part. */
export function messagePreviewParts(
  message: Message | null,
  myId: string | null,
  kind: Room['kind'],
  t: Translate,
): PreviewParts {
  const marked: Translate = (key, params) => (key === 'chats.photoLabel' ? PHOTO_MARK : t(key, params));
  const text = messagePreview(message, myId, kind, marked);
  if (!message?.image) return { before: text, photo: null, after: '' };
  // The label sits just before the caption; searching back from there skips a mark typed in it.
  const caption = message.content.trim().replace(/\s+/g, ' ');
  const at = text.lastIndexOf(PHOTO_MARK, text.length - caption.length);
  if (at < 0) return { before: text, photo: null, after: '' };
  return { before: text.slice(0, at), photo: t('chats.photoLabel'), after: text.slice(at + PHOTO_MARK.length) };
}

/** The other member of a direct room (the one who is not me). */
export function directPeer(room: Room, myId: string | null): UserSummary | null {
  if (room.kind !== 'direct') return null;
  return room.members.find((m) => m.id !== myId) ?? room.members[0] ?? null;
}

/** The picture to show for a room: its own avatar, or the DM peer's. */
export function roomAvatar(room: Room, myId: string | null): string | null {
  return room.avatarUrl ?? directPeer(room, myId)?.avatarUrl ?? null;
}

/** "Anna is typing…", "Anna and Ben are typing…", "Several people are typing…". */
export function typingLabel(names: readonly string[], t: Translate): string {
  if (!names.length) return '';
  if (names.length === 1) return t('chats.typingOne', { name: names[0] });
  if (names.length === 2) return t('chats.typingTwo', { a: names[0], b: names[1] });
  return t('chats.typingMany');
}
