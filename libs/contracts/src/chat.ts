import type { Image } from './media';
import type { UserSummary } from './users';

export type RoomKind = 'direct' | 'group';
export type RoomVisibility = 'public' | 'private';
export const ROOM_NAME_MAX = 100;
export const MESSAGE_MAX = 4096;

export interface Message {
  id: string;
  roomId: string;
  clientId: string | null;
  author: UserSummary;
  content: string;
  image: Image | null;
  /** True when the message had an image that its owner has since deleted (show a "removed" placeholder). */
  imageRemoved?: boolean;
  createdAt: string;
  editedAt: string | null;
}

export interface Room {
  id: string;
  kind: RoomKind;
  name: string;
  visibility: RoomVisibility;
  avatarUrl: string | null;
  adminId: string | null;
  members: UserSummary[];
  membersCount: number;
  lastMessage: Message | null;
  unreadCount: number;
  /**
   * Where the other members have read up to, so "seen" survives a reload (live changes come as the
   * `read` socket event). Direct rooms: the peer, once they have read anything. Groups: only those
   * among `members` (the first 20), so the list stays small. Never the viewer; empty for a viewer
   * who is not a member (a public group read from outside), as `read` events go to members only.
   */
  readBy: RoomReadPosition[];
  createdAt: string;
}

/** A member's read position: everything up to `messageId` (in time order) is read. */
export interface RoomReadPosition {
  userId: string;
  messageId: string;
  /** createdAt of that message, to compare with messages the client may not have loaded. */
  messageCreatedAt: string;
}

export interface CreateDirectRoomRequest {
  userId: string;
}
export interface CreateGroupRequest {
  name: string;
  visibility: RoomVisibility;
  memberIds?: string[];
}
export interface UpdateRoomRequest {
  name?: string;
  visibility?: RoomVisibility;
  avatarImageId?: string | null;
}
export interface AddMemberRequest {
  userId: string;
}
export interface SendMessageRequest {
  content?: string;
  imageId?: string;
  clientId?: string;
}
export interface EditMessageRequest {
  content: string;
}
export interface ReadRequest {
  messageId: string;
}
