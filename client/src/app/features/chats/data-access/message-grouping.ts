import type { UserSummary } from '@world-it/contracts';

import type { ChatMessage } from './chat-models';

/** Consecutive messages of one author closer than this share a header. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

export interface MessageGroup {
  /** Stable across re-renders: the id (or client id) of the group's first message. */
  key: string;
  author: UserSummary;
  mine: boolean;
  /** Set on the first group of a calendar day (local time): that day's midnight, for the divider. */
  day: Date | null;
  messages: ChatMessage[];
}

function dayStart(iso: string): number {
  const d = new Date(iso);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Groups an oldest-first list of messages by author: a new group starts when the author changes,
 * the gap to the previous message exceeds `gapMs`, or a new day begins.
 */
export function groupMessages(
  messages: readonly ChatMessage[],
  myId: string | null,
  gapMs = GROUP_GAP_MS,
): MessageGroup[] {
  const groups: MessageGroup[] = [];
  let current: MessageGroup | null = null;
  let prevTime = 0;
  let prevDay = -1;
  for (const message of messages) {
    const time = new Date(message.createdAt).getTime();
    const day = dayStart(message.createdAt);
    const newDay = day !== prevDay;
    if (!current || newDay || current.author.id !== message.author.id || time - prevTime > gapMs) {
      current = {
        key: message.clientId ?? message.id,
        author: message.author,
        mine: message.author.id === myId,
        day: newDay ? new Date(day) : null,
        messages: [],
      };
      groups.push(current);
    }
    current.messages.push(message);
    prevTime = time;
    prevDay = day;
  }
  return groups;
}
