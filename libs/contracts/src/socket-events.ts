import type { Message, Room } from './chat';
import type { Notification, UnreadCount } from './notifications';
import type { PostCountsEvent, PostNewEvent } from './posts';
import type { UserSummary } from './users';

export const CHAT_NAMESPACE = '/chat';
export const SOCKET_PAYLOAD_MAX_BYTES = 64 * 1024;
export const TYPING_TTL_MS = 5000;

export type SocketErrorCode =
  | 'unauthorized'
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'blocked'
  | 'rate_limited'
  | 'too_large'
  /** An event no handler knows (answered only when it was sent with an acknowledgement). */
  | 'unknown_event'
  | 'internal';

export interface SocketError {
  code: SocketErrorCode;
  message: string;
  /** `rate_limited`: how long until the next event of that kind would be accepted. */
  retryAfterMs?: number;
}
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };

export interface SendMessagePayload {
  roomId: string;
  content?: string;
  imageId?: string;
  clientId: string;
}
export interface EditMessagePayload {
  roomId: string;
  messageId: string;
  content: string;
}
export interface DeleteMessagePayload {
  roomId: string;
  messageId: string;
}
export interface TypingPayload {
  roomId: string;
  isTyping: boolean;
}
export interface ReadPayload {
  roomId: string;
  messageId: string;
}
export interface RoomRefPayload {
  roomId: string;
}

/** Events the client emits; the last argument is the acknowledgement callback. */
export interface ClientToServerEvents {
  'message:send': (p: SendMessagePayload, ack: (r: Ack<{ message: Message }>) => void) => void;
  'message:edit': (p: EditMessagePayload, ack: (r: Ack<{ message: Message }>) => void) => void;
  'message:delete': (p: DeleteMessagePayload, ack: (r: Ack) => void) => void;
  typing: (p: TypingPayload, ack?: (r: Ack) => void) => void;
  read: (p: ReadPayload, ack: (r: Ack) => void) => void;
  'room:watch': (p: RoomRefPayload, ack: (r: Ack) => void) => void;
  'room:unwatch': (p: RoomRefPayload, ack: (r: Ack) => void) => void;
}

export interface TypingEvent {
  roomId: string;
  user: UserSummary;
  isTyping: boolean;
}
export interface ReadEvent {
  roomId: string;
  userId: string;
  messageId: string;
}
export interface PresenceEvent {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}
export interface MessageDeletedEvent {
  roomId: string;
  messageId: string;
}
export interface RoomRemovedEvent {
  roomId: string;
}

/** Events the server emits. */
export interface ServerToClientEvents {
  'message:new': (m: Message) => void;
  'message:updated': (m: Message) => void;
  'message:deleted': (e: MessageDeletedEvent) => void;
  typing: (e: TypingEvent) => void;
  read: (e: ReadEvent) => void;
  presence: (e: PresenceEvent) => void;
  'room:added': (r: Room) => void;
  'room:updated': (r: Room) => void;
  'room:removed': (e: RoomRemovedEvent) => void;
  /** A new or bumped notification (a bumped one keeps its id: replace it and move it to the top). */
  notification: (n: Notification) => void;
  /** My unread notification count, whenever it changes (a new notification, or read on any of my devices). */
  'notifications:unread': (c: UnreadCount) => void;
  /** A post for my feed was just published (by a friend, or by me on another device): the "N new posts" banner. */
  'post:new': (e: PostNewEvent) => void;
  /** A post's like/comment counters changed (to its author, and to whoever changed them on their other devices). */
  'post:counts': (e: PostCountsEvent) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
