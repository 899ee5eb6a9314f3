import { iso, isoOrNull } from '../common/iso-time';
import type { Message, Room, RoomKind, RoomReadPosition, RoomVisibility, UserSummary } from '@world-it/contracts';
import { avatarUrlOf } from '../users/user.mapper';
import { thumbUrl, toImage } from '../media/media-urls';

/** A message row joined with its author and image, as MESSAGE_SELECT returns it. */
export interface MessageRow {
  id: string;
  room_id: string;
  client_id: string | null;
  content: string;
  image_id: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  author_id: string;
  author_display_name: string;
  author_avatar_image_id: string | null;
  image_width: number | null;
  image_height: number | null;
  image_deleted_at: Date | string | null;
}

export const MESSAGE_SELECT = `
  SELECT m.id, m.room_id, m.client_id, m.content, m.image_id, m.created_at, m.edited_at, m.deleted_at,
         m.author_id, u.display_name AS author_display_name, u.avatar_image_id AS author_avatar_image_id,
         i.width AS image_width, i.height AS image_height, i.deleted_at AS image_deleted_at
    FROM messages m
    JOIN users u ON u.id = m.author_id
    LEFT JOIN images i ON i.id = m.image_id`;

export interface RoomRow {
  id: string;
  kind: RoomKind;
  name: string;
  visibility: RoomVisibility;
  admin_id: string | null;
  /** Null when none or when that image was deleted. */
  avatar_image_id: string | null;
  last_activity_at: Date | string;
  created_at: Date | string;
}

export const ROOM_SELECT = `
  SELECT r.id, r.kind, r.name, r.visibility, r.admin_id,
         CASE WHEN ai.deleted_at IS NULL THEN r.avatar_image_id END AS avatar_image_id,
         r.last_activity_at, r.created_at
    FROM rooms r
    LEFT JOIN images ai ON ai.id = r.avatar_image_id`;

export interface MemberRow {
  room_id: string;
  user_id: string;
  display_name: string;
  avatar_image_id: string | null;
  /** The member's read position (when the row comes from room_members). */
  last_read_message_id?: string | null;
  last_read_at?: Date | string | null;
}

/** The contract's Message; a deleted image leaves `image: null` with `imageRemoved: true`. */
export function toMessage(row: MessageRow, online: ReadonlySet<string>): Message {
  const imageLive = row.image_id !== null && row.image_deleted_at === null && row.image_width !== null;
  return {
    id: row.id,
    roomId: row.room_id,
    clientId: row.client_id,
    author: {
      id: row.author_id,
      displayName: row.author_display_name,
      avatarUrl: avatarUrlOf({ avatarImageId: row.author_avatar_image_id }),
      online: online.has(row.author_id),
    },
    content: row.content,
    image: imageLive
      ? toImage({ id: row.image_id as string, width: row.image_width as number, height: row.image_height as number })
      : null,
    imageRemoved: row.image_id !== null && !imageLive,
    createdAt: iso(row.created_at),
    editedAt: isoOrNull(row.edited_at),
  };
}

export function toMemberSummary(row: MemberRow, online: ReadonlySet<string>): UserSummary {
  return {
    id: row.user_id,
    displayName: row.display_name,
    avatarUrl: avatarUrlOf({ avatarImageId: row.avatar_image_id }),
    online: online.has(row.user_id),
  };
}

/** A listed member's read position, or null when they have read nothing (yet). */
export function toReadPosition(row: MemberRow): RoomReadPosition | null {
  if (!row.last_read_message_id || !row.last_read_at) return null;
  return { userId: row.user_id, messageId: row.last_read_message_id, messageCreatedAt: iso(row.last_read_at) };
}

export interface RoomParts {
  members: UserSummary[];
  membersCount: number;
  lastMessage: Message | null;
  /** Read positions of the listed members (the viewer's own is dropped here). */
  readPositions: RoomReadPosition[];
}

/**
 * The contract's Room as one viewer sees it: a direct room is named (and pictured) after the other
 * member; `readBy` holds the other members' read positions, and only for a member (`unreadCount`
 * is null for a viewer who is not one).
 */
export function toRoom(row: RoomRow, viewerId: string, parts: RoomParts & { unreadCount: number | null }): Room {
  let name = row.name;
  let avatarUrl = row.avatar_image_id ? thumbUrl(row.avatar_image_id) : null;
  if (row.kind === 'direct') {
    const other = parts.members.find((m) => m.id !== viewerId) ?? parts.members[0];
    name = other?.displayName ?? '';
    avatarUrl = other?.avatarUrl ?? null;
  }
  return {
    id: row.id,
    kind: row.kind,
    name,
    visibility: row.visibility,
    avatarUrl,
    adminId: row.admin_id,
    members: parts.members,
    membersCount: parts.membersCount,
    lastMessage: parts.lastMessage,
    unreadCount: parts.unreadCount ?? 0,
    readBy: parts.unreadCount === null ? [] : parts.readPositions.filter((p) => p.userId !== viewerId),
    createdAt: iso(row.created_at),
  };
}
