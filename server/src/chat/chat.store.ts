import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Message, Room, RoomReadPosition, UserSummary } from '@world-it/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { PresenceService } from '../realtime/presence.service';
import { onlineSeenBy, onlineSeenByEach } from '../realtime/viewer-presence';
import { BlockChecker } from '../users/social-graph';
import {
  MESSAGE_SELECT,
  ROOM_SELECT,
  toMemberSummary,
  toMessage,
  toReadPosition,
  toRoom,
  type MemberRow,
  type MessageRow,
  type RoomParts,
  type RoomRow,
} from './chat.mapper';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { toUserSummary } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';

import { returned } from '../database/returned-rows';
export { returned };

/** Members listed in a Room (a direct room has two). */
export const ROOM_MEMBERS_SHOWN = 20;

export interface MembershipRow {
  room_id: string;
  user_id: string;
  joined_at: Date;
  last_read_message_id: string | null;
  last_read_at: Date | null;
}

/**
 * The chat's reads, in plain SQL over the indexes the migration made. Rooms are assembled for a page
 * in a fixed number of queries (rooms, members, counts, last messages, unread counts, one presence
 * round trip), never one query per room.
 */
@Injectable()
export class ChatStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly presence: PresenceService,
    private readonly users: UsersRepository,
    private readonly blocks: BlockChecker,
  ) {}

  async room(roomId: string, manager: EntityManager = this.db.manager, lock = false): Promise<RoomRow | null> {
    const rows: RoomRow[] = await manager.query(`${ROOM_SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [
      roomId,
    ]);
    return rows[0] ?? null;
  }

  async membership(
    roomId: string,
    userId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<MembershipRow | null> {
    const rows: MembershipRow[] = await manager.query(
      `SELECT room_id, user_id, joined_at, last_read_message_id, last_read_at FROM room_members WHERE room_id = $1 AND user_id = $2`,
      [roomId, userId],
    );
    return rows[0] ?? null;
  }

  async memberIds(roomId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT user_id FROM room_members WHERE room_id = $1`,
      [roomId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Members who have the room in their list: the ones told about it live (see RoomMemberEntity.listed). */
  async listedMemberIds(roomId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT user_id FROM room_members WHERE room_id = $1 AND listed`,
      [roomId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Every room the user is a member of, listed or not. */
  async roomIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ room_id: string }> = await this.db.query(
      `SELECT room_id FROM room_members WHERE user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.room_id);
  }

  /**
   * Puts the room into the list of its members who did not have it (or just `userId`'s); answers who
   * was added. A direct room becomes listed for the peer with its first message.
   */
  async markListed(roomId: string, manager: EntityManager = this.db.manager, userId?: string): Promise<string[]> {
    const rows = returned<{ user_id: string }>(
      await manager.query(
        `UPDATE room_members SET listed = true
          WHERE room_id = $1 AND NOT listed AND ($2::uuid IS NULL OR user_id = $2::uuid)
          RETURNING user_id`,
        [roomId, userId ?? null],
      ),
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * A confirmed, unbanned user (the only kind one can message or add), or null. Its `online` is the
   * real flag: it is shown to a whole room (typing) — see ChatStore.message.
   */
  async activeUser(userId: string): Promise<UserSummary | null> {
    const user = await this.users.findActive(userId);
    if (!user) return null;
    return toUserSummary(user, (await this.presence.onlineAmong([userId])).has(userId));
  }

  activeUserIds(userIds: string[]): Promise<string[]> {
    return this.users.activeIds(userIds);
  }

  // ---- messages ----

  async messageRow(messageId: string, manager: EntityManager = this.db.manager): Promise<MessageRow | null> {
    const rows: MessageRow[] = await manager.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [messageId]);
    return rows[0] ?? null;
  }

  /**
   * One message for a room broadcast (message:new, message:updated, a resend's answer). One payload
   * goes to every member and watcher of the room, so it cannot hide the author's presence from a member
   * in a block with them; it carries the real flag. It tells that member nothing the broadcast itself
   * does not: the author is sending messages right now. Per-viewer reads (history pages, rooms) hide it.
   */
  async message(messageId: string): Promise<Message | null> {
    const row = await this.messageRow(messageId);
    if (!row) return null;
    return toMessage(row, await this.presence.onlineAmong([row.author_id]));
  }

  /** One history page, newest first: a range scan of messages_room_created_idx from the cursor on. */
  async messagePage(
    roomId: string,
    viewerId: string,
    after: TimeKey | null,
    limit: number,
  ): Promise<{ rows: MessageRow[]; items: Message[] }> {
    const params: unknown[] = [roomId, limit];
    let where = `m.room_id = $1 AND m.deleted_at IS NULL`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (m.created_at, m.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: MessageRow[] = await this.db.query(
      `${MESSAGE_SELECT} WHERE ${where} ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
      params,
    );
    const online = await onlineSeenBy(
      this.presence,
      this.blocks,
      viewerId,
      rows.map((r) => r.author_id),
    );
    return { rows, items: rows.map((r) => toMessage(r, online)) };
  }

  // ---- rooms ----

  /** My rooms, most recent activity first (the listed ones: not a direct room someone opened to me that is still empty). */
  async myRoomRows(userId: string, after: TimeKey | null, limit: number): Promise<RoomRow[]> {
    const params: unknown[] = [userId, limit];
    let where = `rm.user_id = $1 AND rm.listed`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (r.last_activity_at, r.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query(
      `${ROOM_SELECT} JOIN room_members rm ON rm.room_id = r.id WHERE ${where} ORDER BY r.last_activity_at DESC, r.id DESC LIMIT $2`,
      params,
    );
  }

  /** Public groups, most recent activity first; `search` matches the name, case-insensitive. */
  async publicRoomRows(search: string | undefined, after: TimeKey | null, limit: number): Promise<RoomRow[]> {
    const params: unknown[] = [limit];
    let where = `r.kind = 'group' AND r.visibility = 'public'`;
    if (search) {
      params.push(`%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where += ` AND r.name ILIKE $${params.length}`;
    }
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (r.last_activity_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.db.query(`${ROOM_SELECT} WHERE ${where} ORDER BY r.last_activity_at DESC, r.id DESC LIMIT $1`, params);
  }

  /** Rooms as one viewer sees them (their unread counts; 0 where they are not a member). */
  async hydrate(rows: RoomRow[], viewerId: string): Promise<Room[]> {
    if (rows.length === 0) return [];
    const raw = await this.sharedParts(rows.map((r) => r.id));
    const [online, unread] = await Promise.all([
      onlineSeenBy(this.presence, this.blocks, viewerId, shownUserIds(raw.values())),
      this.unreadCounts(rows.map((r) => ({ roomId: r.id, userId: viewerId }))),
    ]);
    // unreadCounts answers only for members, so a missing count means "not a member" (no readBy).
    return rows.map((row) =>
      toRoom(row, viewerId, {
        ...roomParts(raw.get(row.id)!, online),
        unreadCount: unread.get(`${row.id}:${viewerId}`) ?? null,
      }),
    );
  }

  /** One room as each of these users sees it (for room:added / room:updated), still a fixed number of queries. */
  async hydrateFor(roomId: string, viewerIds: string[]): Promise<Map<string, Room>> {
    const out = new Map<string, Room>();
    const row = await this.room(roomId);
    if (!row || viewerIds.length === 0) return out;
    const raw = (await this.sharedParts([roomId])).get(roomId)!;
    const [onlineFor, unread] = await Promise.all([
      onlineSeenByEach(this.presence, this.blocks, viewerIds, shownUserIds([raw])),
      this.unreadCounts(viewerIds.map((userId) => ({ roomId, userId }))),
    ]);
    // Viewers with the same presence view (all but those in a block with someone shown) share one parts object.
    const partsBySeen = new Map<ReadonlySet<string>, RoomParts>();
    for (const viewer of viewerIds) {
      const seen = onlineFor(viewer);
      const parts = partsBySeen.get(seen) ?? roomParts(raw, seen);
      partsBySeen.set(seen, parts);
      out.set(viewer, toRoom(row, viewer, { ...parts, unreadCount: unread.get(`${roomId}:${viewer}`) ?? 0 }));
    }
    return out;
  }

  /**
   * Members shown (with their read positions), counts and last messages of these rooms: three queries
   * in all. Rows, not summaries: presence differs per viewer (a block hides it), see roomParts.
   */
  private async sharedParts(roomIds: string[]): Promise<Map<string, RawRoomParts>> {
    const [members, counts, last] = await Promise.all([
      this.db.query(
        `SELECT r.id AS room_id, x.user_id, x.display_name, x.avatar_image_id, x.last_read_message_id, x.last_read_at
           FROM unnest($1::uuid[]) AS r(id)
           CROSS JOIN LATERAL (
             SELECT u.id AS user_id, u.display_name, u.avatar_image_id, rm.last_read_message_id, rm.last_read_at
               FROM room_members rm JOIN users u ON u.id = rm.user_id
              WHERE rm.room_id = r.id
              ORDER BY rm.joined_at, rm.user_id
              LIMIT ${ROOM_MEMBERS_SHOWN}) x`,
        [roomIds],
      ) as Promise<MemberRow[]>,
      this.db.query(
        `SELECT room_id, count(*)::int AS n FROM room_members WHERE room_id = ANY($1::uuid[]) GROUP BY room_id`,
        [roomIds],
      ) as Promise<Array<{ room_id: string; n: number }>>,
      this.db.query(
        `SELECT lm.* FROM unnest($1::uuid[]) AS r(id)
           CROSS JOIN LATERAL (
             ${MESSAGE_SELECT}
              WHERE m.room_id = r.id AND m.deleted_at IS NULL
              ORDER BY m.created_at DESC, m.id DESC
              LIMIT 1) lm`,
        [roomIds],
      ) as Promise<MessageRow[]>,
    ]);
    const out = new Map<string, RawRoomParts>();
    for (const id of roomIds) out.set(id, { members: [], membersCount: 0, lastMessage: null, readPositions: [] });
    for (const m of members) {
      const parts = out.get(m.room_id);
      if (!parts) continue;
      parts.members.push(m);
      const position = toReadPosition(m);
      if (position) parts.readPositions.push(position);
    }
    for (const c of counts) out.get(c.room_id)!.membersCount = Number(c.n);
    for (const m of last) out.get(m.room_id)!.lastMessage = m;
    return out;
  }

  /**
   * Unread messages per (room, member): others' live messages after the member's read position (or,
   * never having read, since they joined). One index range scan per pair, all pairs in one query.
   */
  async unreadCounts(pairs: Array<{ roomId: string; userId: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (pairs.length === 0) return out;
    const rows: Array<{ room_id: string; user_id: string; n: number }> = await this.db.query(
      `SELECT rm.room_id, rm.user_id,
              (SELECT count(*)::int FROM messages m
                WHERE m.room_id = rm.room_id AND m.deleted_at IS NULL AND m.author_id <> rm.user_id
                  AND m.created_at >= COALESCE(rm.last_read_at, rm.joined_at)
                  AND (rm.last_read_at IS NULL
                       OR (m.created_at, m.id) > (rm.last_read_at, COALESCE(rm.last_read_message_id, '00000000-0000-0000-0000-000000000000'::uuid)))
              ) AS n
         FROM room_members rm
         JOIN unnest($1::uuid[], $2::uuid[]) AS p(room_id, user_id) ON p.room_id = rm.room_id AND p.user_id = rm.user_id`,
      [pairs.map((p) => p.roomId), pairs.map((p) => p.userId)],
    );
    for (const r of rows) out.set(`${r.room_id}:${r.user_id}`, Number(r.n));
    return out;
  }
}

/** A room's shared parts before presence is applied (see ChatStore.sharedParts). */
interface RawRoomParts {
  members: MemberRow[];
  membersCount: number;
  lastMessage: MessageRow | null;
  readPositions: RoomReadPosition[];
}

/** Everyone whose summary these rooms show: the members listed and the last messages' authors. */
function shownUserIds(rooms: Iterable<RawRoomParts>): string[] {
  const ids = new Set<string>();
  for (const r of rooms) {
    for (const m of r.members) ids.add(m.user_id);
    if (r.lastMessage) ids.add(r.lastMessage.author_id);
  }
  return [...ids];
}

/** The parts as one viewer sees them, `online` being who is online for that viewer. */
function roomParts(raw: RawRoomParts, online: ReadonlySet<string>): RoomParts {
  return {
    members: raw.members.map((m) => toMemberSummary(m, online)),
    membersCount: raw.membersCount,
    lastMessage: raw.lastMessage ? toMessage(raw.lastMessage, online) : null,
    readPositions: raw.readPositions,
  };
}
