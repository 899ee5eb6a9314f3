import { randomUUID } from 'node:crypto';
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
import { AppMetrics } from '../metrics/app-metrics';
import { GroupCommit } from './group-commit';
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

/** What one send statement found and did (see ChatStore.storeMessage). */
export interface StoredMessage {
  /** The room's kind and visibility (who else hears of the message); null when there is no such room. */
  room: Pick<RoomRow, 'kind' | 'visibility'> | null;
  member: boolean;
  /** The new message with its author and image; null when not stored (no room, no member, or a clientId already used). */
  row: MessageRow | null;
  /** Members of a direct room who now have it in their list (the first message puts it there). */
  listed: string[];
}

/** A room's facts that never change once it exists: its kind and, for a direct room, its two members. */
interface FixedRoomFacts {
  kind: RoomRow['kind'];
  directMembers: string[];
}
const FIXED_FACTS_CACHED = 10_000;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The author's read position is before the new message (sending means having read up to it). */
const OWN_READ_IS_OLDER = `(rm.last_read_at IS NULL
  OR (rm.last_read_at, COALESCE(rm.last_read_message_id, '${NIL_UUID}'::uuid)) < (ins.created_at, ins.id))`;

/**
 * Stores a message in one statement (one round trip, atomic like any single statement): checks the room
 * and the author's membership, inserts (idempotent on the author's clientId), moves the room's activity
 * and the author's own read position, lists a direct room for whoever does not have it yet, and returns
 * the message as the broadcast needs it. Data-modifying CTEs run once and to completion whether or not
 * the final SELECT reads them; each updates different rows (the author's membership / the others').
 */
const STORE_MESSAGE = `
  WITH access AS (
    SELECT r.id, r.kind, r.visibility, mm.user_id IS NOT NULL AS member, COALESCE(mm.listed, true) AS author_listed
      FROM rooms r LEFT JOIN room_members mm ON mm.room_id = r.id AND mm.user_id = $2
     WHERE r.id = $1
  ), ins AS (
    INSERT INTO messages (room_id, author_id, client_id, content, image_id)
    SELECT $1, $2, $3, $4, $5 FROM access WHERE member
    ON CONFLICT (author_id, client_id) DO NOTHING
    RETURNING id, room_id, client_id, content, image_id, created_at, edited_at, deleted_at, author_id
  ), activity AS (
    UPDATE rooms r SET last_activity_at = GREATEST(r.last_activity_at, ins.created_at)
      FROM ins WHERE r.id = ins.room_id
  ), own AS (
    UPDATE room_members rm
       SET last_read_message_id = CASE WHEN ${OWN_READ_IS_OLDER} THEN ins.id ELSE rm.last_read_message_id END,
           last_read_at = CASE WHEN ${OWN_READ_IS_OLDER} THEN ins.created_at ELSE rm.last_read_at END,
           listed = rm.listed OR a.kind = 'direct'
      FROM ins, access a
     WHERE rm.room_id = ins.room_id AND rm.user_id = ins.author_id
  ), others_listed AS (
    UPDATE room_members rm SET listed = true
      FROM ins, access a
     WHERE a.kind = 'direct' AND rm.room_id = ins.room_id AND rm.user_id <> ins.author_id AND NOT rm.listed
    RETURNING rm.user_id
  )
  SELECT a.kind, a.visibility, a.member, a.author_listed,
         ins.id, ins.room_id, ins.client_id, ins.content, ins.image_id, ins.created_at, ins.edited_at, ins.deleted_at,
         ins.author_id, u.display_name AS author_display_name, u.avatar_image_id AS author_avatar_image_id,
         i.width AS image_width, i.height AS image_height, i.deleted_at AS image_deleted_at,
         ARRAY(SELECT user_id FROM others_listed) AS others_listed
    FROM access a
    LEFT JOIN ins ON true
    LEFT JOIN users u ON u.id = ins.author_id
    LEFT JOIN images i ON i.id = ins.image_id`;

/**
 * STORE_MESSAGE for many text messages to group rooms (see GroupCommit): the same checks and writes
 * row by row, in one statement. The ids come in ascending (sorted in Node) so that messages stored in
 * the same millisecond keep their order of arrival in (created_at, id). Each room's activity moves to
 * its newest message, and each author's read position to their newest one (one update per row: an
 * UPDATE … FROM that matches a row twice would apply just one of them, unpredictably).
 */
const STORE_GROUP_MESSAGES = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
             WITH ORDINALITY AS t(id, room_id, author_id, client_id, content, ord)
  ), access AS (
    SELECT i.ord, r.kind, r.visibility, mm.user_id IS NOT NULL AS member
      FROM input i
      JOIN rooms r ON r.id = i.room_id
      LEFT JOIN room_members mm ON mm.room_id = r.id AND mm.user_id = i.author_id
  ), ins AS (
    INSERT INTO messages (id, room_id, author_id, client_id, content, created_at)
    SELECT i.id, i.room_id, i.author_id, i.client_id, i.content, clock_timestamp()
      FROM input i JOIN access a ON a.ord = i.ord AND a.member
     ORDER BY i.ord
    ON CONFLICT (author_id, client_id) DO NOTHING
    RETURNING id, room_id, client_id, content, image_id, created_at, edited_at, deleted_at, author_id
  ), activity AS (
    UPDATE rooms r SET last_activity_at = GREATEST(r.last_activity_at, newest.at)
      FROM (SELECT room_id, max(created_at) AS at FROM ins GROUP BY room_id) newest
     WHERE r.id = newest.room_id
  ), own AS (
    UPDATE room_members rm
       SET last_read_message_id = CASE WHEN ${OWN_READ_IS_OLDER} THEN ins.id ELSE rm.last_read_message_id END,
           last_read_at = CASE WHEN ${OWN_READ_IS_OLDER} THEN ins.created_at ELSE rm.last_read_at END
      FROM (SELECT DISTINCT ON (room_id, author_id) id, room_id, author_id, created_at
              FROM ins ORDER BY room_id, author_id, created_at DESC, id DESC) ins
     WHERE rm.room_id = ins.room_id AND rm.user_id = ins.author_id
  )
  SELECT a.kind, a.visibility, COALESCE(a.member, false) AS member, true AS author_listed, '{}'::uuid[] AS others_listed,
         ins.id, ins.room_id, ins.client_id, ins.content, ins.image_id, ins.created_at, ins.edited_at, ins.deleted_at,
         ins.author_id, u.display_name AS author_display_name, u.avatar_image_id AS author_avatar_image_id,
         NULL::int AS image_width, NULL::int AS image_height, NULL::timestamptz AS image_deleted_at
    FROM input i
    LEFT JOIN access a ON a.ord = i.ord
    LEFT JOIN ins ON ins.id = i.id
    LEFT JOIN users u ON u.id = ins.author_id
   ORDER BY i.ord`;

/** Group sends in flight at once; more wait and go together (see GroupCommit). */
const GROUP_SENDS_IN_FLIGHT = 2;
const GROUP_SEND_BATCH_MAX = 200;

interface SendInput {
  roomId: string;
  authorId: string;
  clientId: string | null;
  content: string;
  imageId: string | null;
}

type StoreRow = Partial<MessageRow> &
  Pick<RoomRow, 'kind' | 'visibility'> & { member: boolean; author_listed: boolean; others_listed: string[] };

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
    private readonly metrics: AppMetrics,
  ) {}

  /** Kind and direct members per room id, read once per process (they never change; a deleted room just misses). */
  private readonly fixedFacts = new Map<string, FixedRoomFacts>();

  /** Text messages to group rooms, coalesced under load (see STORE_GROUP_MESSAGES). */
  private readonly groupSends = new GroupCommit<SendInput, StoredMessage>({
    limit: GROUP_SENDS_IN_FLIGHT,
    maxBatch: GROUP_SEND_BATCH_MAX,
    one: (send) => {
      this.metrics.sendStatement(1);
      return this.storeOne(send);
    },
    many: (sends) => {
      this.metrics.sendStatement(sends.length);
      return this.storeGroupMessages(sends);
    },
  });

  /**
   * Stores a message (see STORE_MESSAGE): a text message to a group room known to this process may
   * share its statement with others sent at the same moment; the rest go one by one.
   */
  storeMessage(
    roomId: string,
    authorId: string,
    input: { clientId: string | null; content: string; imageId: string | null },
  ): Promise<StoredMessage> {
    const send = { roomId, authorId, ...input };
    const batchable = input.imageId === null && this.fixedFacts.get(roomId)?.kind === 'group';
    return batchable ? this.groupSends.run(send) : this.storeOne(send);
  }

  private async storeOne(send: SendInput): Promise<StoredMessage> {
    const rows: StoreRow[] = await this.db.query(STORE_MESSAGE, [
      send.roomId,
      send.authorId,
      send.clientId,
      send.content,
      send.imageId,
    ]);
    return storedFrom(rows[0], send.authorId);
  }

  private async storeGroupMessages(sends: SendInput[]): Promise<StoredMessage[]> {
    const ids = sends.map(() => randomUUID()).sort();
    const rows: StoreRow[] = await this.db.query(STORE_GROUP_MESSAGES, [
      ids,
      sends.map((s) => s.roomId),
      sends.map((s) => s.authorId),
      sends.map((s) => s.clientId),
      sends.map((s) => s.content),
    ]);
    // One row per send, in their order.
    return rows.map((r, i) => storedFrom(r, sends[i].authorId));
  }

  /** A room's kind and, when direct, its two members; null when there is no such room. */
  async fixedRoomFacts(roomId: string): Promise<FixedRoomFacts | null> {
    const known = this.fixedFacts.get(roomId);
    if (known) return known;
    const rows: Array<{ kind: RoomRow['kind']; direct_members: string[] | null }> = await this.db.query(
      `SELECT r.kind, CASE WHEN r.kind = 'direct' THEN ARRAY(SELECT user_id FROM room_members WHERE room_id = r.id) END AS direct_members
         FROM rooms r WHERE r.id = $1`,
      [roomId],
    );
    if (!rows[0]) return null;
    const facts = { kind: rows[0].kind, directMembers: rows[0].direct_members ?? [] };
    // A direct room gets its two members when it is made; read before that, it is not cached.
    if (facts.kind === 'group' || facts.directMembers.length === 2) {
      if (this.fixedFacts.size >= FIXED_FACTS_CACHED) this.fixedFacts.delete(this.fixedFacts.keys().next().value!);
      this.fixedFacts.set(roomId, facts);
    }
    return facts;
  }

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
    return row ? this.forBroadcast(row) : null;
  }

  /** A stored row as a room broadcast carries it (see `message`). */
  async forBroadcast(row: MessageRow): Promise<Message> {
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

/** What a send statement's row says (see StoredMessage); no row, or no kind: no such room. */
function storedFrom(r: StoreRow | undefined, authorId: string): StoredMessage {
  if (!r?.kind) return { room: null, member: false, row: null, listed: [] };
  const room = { kind: r.kind, visibility: r.visibility };
  if (!r.id) return { room, member: r.member, row: null, listed: [] };
  const listed = r.kind === 'direct' && !r.author_listed ? [authorId, ...r.others_listed] : r.others_listed;
  return { room, member: true, row: r as MessageRow, listed };
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
