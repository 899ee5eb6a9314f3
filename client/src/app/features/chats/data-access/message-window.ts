import type { ChatMessage } from './chat-models';
import type { MessageGroup } from './message-grouping';

/**
 * The message list renders only a window of the loaded history so the DOM stays bounded however
 * far back someone scrolls; the store keeps every loaded message in memory (cheap) and the window
 * slides over it. Indices are positions in the oldest-first list; `end` is exclusive.
 */
export interface MessageWindow {
  start: number;
  end: number;
}

/** At most this many messages are in the DOM at once. */
export const WINDOW_MAX = 300;
/** How many messages the window gains on the side the reader approaches. */
export const WINDOW_STEP = 100;

/** The stable identity of a message across a pending → stored swap (the same as the list's `track`). */
export function messageKey(message: Pick<ChatMessage, 'id' | 'clientId'>): string {
  return message.clientId ?? message.id;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The newest `size` messages: where a room opens and where "jump to latest" lands. */
export function latestWindow(total: number, size = WINDOW_MAX): MessageWindow {
  return { start: Math.max(0, total - size), end: total };
}

/**
 * Slides the window toward older (`up`) or newer (`down`) messages by `step`, dropping messages on
 * the far side so it never holds more than `max`.
 */
export function extendWindow(
  current: MessageWindow,
  total: number,
  direction: 'up' | 'down',
  step = WINDOW_STEP,
  max = WINDOW_MAX,
): MessageWindow {
  const start = clamp(current.start, 0, total);
  const end = clamp(current.end, start, total);
  if (direction === 'up') {
    const nextStart = Math.max(0, start - step);
    return { start: nextStart, end: Math.min(end, nextStart + max) };
  }
  const nextEnd = Math.min(total, end + step);
  return { start: Math.max(start, nextEnd - max), end: nextEnd };
}

export interface ReconcileOptions {
  /**
   * The reader follows the newest messages (at the bottom, or just sent one): the window's end
   * sticks to the newest message and the window is trimmed at the top. Otherwise it is trimmed at
   * the bottom, which never moves what is on screen.
   */
  follow: boolean;
  max?: number;
}

/**
 * Carries the window over a change of the list (an older page prepended, live messages appended,
 * a message deleted). Each edge keeps its message; an edge at the very start or end of the list
 * stays there, so a prepended page shows up when the reader is at the top and new messages show up
 * when the reader is at the bottom. A deleted edge message hands over to its nearest survivor.
 */
export function reconcileWindow(
  previousKeys: readonly string[],
  current: MessageWindow,
  nextKeys: readonly string[],
  options: ReconcileOptions,
): MessageWindow {
  const max = options.max ?? WINDOW_MAX;
  const total = nextKeys.length;
  if (!previousKeys.length || !total) return latestWindow(total, max);

  const index = new Map<string, number>();
  nextKeys.forEach((key, i) => index.set(key, i));
  const prevStart = clamp(current.start, 0, previousKeys.length);
  const prevEnd = clamp(current.end, prevStart, previousKeys.length);

  let start: number | undefined = prevStart === 0 ? 0 : undefined;
  for (let i = prevStart; start === undefined && i < prevEnd; i++) start = index.get(previousKeys[i]);

  let end: number | undefined = prevEnd === previousKeys.length || options.follow ? total : undefined;
  for (let i = prevEnd - 1; end === undefined && i >= prevStart; i--) {
    const found = index.get(previousKeys[i]);
    if (found !== undefined) end = found + 1;
  }

  // Every message of the window is gone: keep roughly the same place in the list.
  start ??= clamp(prevStart, 0, total);
  end ??= clamp(prevEnd, 0, total);
  if (end < start) end = start;
  if (end === start) return options.follow ? latestWindow(total, max) : aroundIndex(start, total, max);
  if (end - start > max) {
    if (options.follow) start = end - max;
    else end = start + max;
  }
  return { start, end };
}

function aroundIndex(at: number, total: number, max: number): MessageWindow {
  const start = clamp(at - Math.floor(max / 2), 0, Math.max(0, total - max));
  return { start, end: Math.min(total, start + max) };
}

/** How many messages follow `previousLastKey` in the new list (live arrivals since the last look). */
export function countAfter(keys: readonly string[], previousLastKey: string | null): number {
  if (previousLastKey === null) return 0;
  const at = keys.lastIndexOf(previousLastKey);
  return at === -1 ? 0 : keys.length - 1 - at;
}

/** A group as rendered: the part of it inside the window. */
export interface WindowedGroup extends MessageGroup {
  /** The group's first message is rendered (so its day divider belongs on screen). */
  complete: boolean;
}

/**
 * The groups (built from the whole list, so keys and day dividers do not change as the window
 * moves) cut to the window: groups outside are dropped, a group on the edge keeps its key and shows
 * only its messages inside.
 */
export function windowGroups(groups: readonly MessageGroup[], range: MessageWindow): WindowedGroup[] {
  const out: WindowedGroup[] = [];
  let offset = 0;
  for (const group of groups) {
    const from = offset;
    const to = offset + group.messages.length;
    offset = to;
    if (to <= range.start) continue;
    if (from >= range.end) break;
    const complete = from >= range.start;
    const messages =
      complete && to <= range.end
        ? group.messages
        : group.messages.slice(Math.max(0, range.start - from), Math.min(group.messages.length, range.end - from));
    out.push({ ...group, day: complete ? group.day : null, messages, complete });
  }
  return out;
}
