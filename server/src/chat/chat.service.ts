import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Message, Page, Room, UserSummary } from '@world-it/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { MediaService } from '../media/media.service';
import { watchChannel } from '../realtime/channels';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { decodeTimeKey, encodeTimeKey } from '../common/pagination/time-key-cursor';
import type { MessageRow, RoomRow } from './chat.mapper';
import { ChatStore, returned, type MembershipRow } from './chat.store';
import { BlockChecker } from '../users/social-graph';
import { TypingService } from './typing.service';
import { MissedDirectMessages } from './missed-direct-messages';
import { AppMetrics } from '../metrics/app-metrics';

export interface PageRequest {
  limit: number;
  cursor?: string;
}
export interface SendInput {
  content?: string;
  imageId?: string;
  clientId?: string | null;
}
export interface UpdateRoomInput {
  name?: string;
  visibility?: 'public' | 'private';
  avatarImageId?: string | null;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Text as stored: trimmed, without NUL characters (PostgreSQL text cannot hold them; they would be a 500). */
export function cleanText(value: string | undefined | null): string {
  return (value ?? '').replaceAll('\u0000', '').trim();
}

/** Whether a user who is not a member may see a room at all: only public groups. */
export function isOpenToNonMembers(room: Pick<RoomRow, 'kind' | 'visibility'>): boolean {
  return room.kind === 'group' && room.visibility === 'public';
}

/**
 * The chat's rules, shared by REST and the socket gateway: who may see, send, edit, delete, join,
 * add and remove. Messages are committed before anyone is told; live delivery goes through ChatEvents.
 * Errors are Nest HTTP exceptions (404 not yours to see, 403 yours to see but not to change, 400 bad
 * input); the gateway turns them into ack error codes.
 */
@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ChatStore,
    private readonly events: RealtimeEmitter,
    private readonly typing: TypingService,
    private readonly media: MediaService,
    private readonly blocks: BlockChecker,
    private readonly missed: MissedDirectMessages,
    private readonly metrics: AppMetrics,
  ) {}

  // ---- access ----

  /** The room and my membership; a room I may not see is a 404 (as if it did not exist). */
  private async access(
    userId: string,
    roomId: string,
    manager?: EntityManager,
    lock = false,
  ): Promise<{ room: RoomRow; member: MembershipRow | null }> {
    const room = await this.store.room(roomId, manager, lock);
    if (!room) throw new NotFoundException('Room not found');
    const member = await this.store.membership(roomId, userId, manager);
    if (!member && !isOpenToNonMembers(room)) throw new NotFoundException('Room not found');
    return { room, member };
  }

  private async memberAccess(userId: string, roomId: string, action: string, manager?: EntityManager, lock = false) {
    const a = await this.access(userId, roomId, manager, lock);
    if (!a.member) throw new ForbiddenException(`Join the room to ${action}`);
    return a as { room: RoomRow; member: MembershipRow };
  }

  private async assertNotBlocked(userA: string, userB: string): Promise<void> {
    if (userA !== userB && (await this.blocks.isBlocked(userA, userB))) {
      throw new ForbiddenException({
        statusCode: 403,
        message: 'You cannot message this user',
        error: 'Forbidden',
        code: 'blocked',
      });
    }
  }

  /**
   * Room ids a user's sockets subscribe to on connect: every room they are a member of, listed or not
   * (an open conversation gets its first message live even before the room is in the list).
   */
  roomIdsOf(userId: string): Promise<string[]> {
    return this.store.roomIdsOf(userId);
  }

  /** room:watch — public groups only; a room I may not see is not_found. */
  async assertWatchable(userId: string, roomId: string): Promise<void> {
    await this.access(userId, roomId);
  }

  // ---- rooms ----

  async listRooms(userId: string, page: PageRequest): Promise<Page<Room>> {
    const rows = await this.store.myRoomRows(userId, decodeTimeKey(page.cursor), page.limit + 1);
    return this.roomPage(rows, userId, page.limit);
  }

  async listPublicRooms(userId: string, search: string | undefined, page: PageRequest): Promise<Page<Room>> {
    const rows = await this.store.publicRoomRows(
      cleanText(search) || undefined,
      decodeTimeKey(page.cursor),
      page.limit + 1,
    );
    return this.roomPage(rows, userId, page.limit);
  }

  private async roomPage(rows: RoomRow[], userId: string, limit: number): Promise<Page<Room>> {
    const hasMore = rows.length > limit;
    const pageRows = hasMore ? rows.slice(0, limit) : rows;
    const last = pageRows[pageRows.length - 1];
    return {
      items: await this.store.hydrate(pageRows, userId),
      nextCursor: hasMore ? encodeTimeKey(last.last_activity_at, last.id) : null,
    };
  }

  async getRoom(userId: string, roomId: string): Promise<Room> {
    const { room } = await this.access(userId, roomId);
    return (await this.store.hydrate([room], userId))[0];
  }

  /**
   * The one direct room of a pair: created once, race-safely (unique ordered pair + ON CONFLICT). It
   * is in the opener's list at once, in the peer's only with its first message (or when they open it).
   */
  async openDirect(userId: string, otherId: string): Promise<{ room: Room; created: boolean }> {
    if (otherId === userId)
      throw new BadRequestException(['userId must be someone else: a conversation with yourself is not possible']);
    if (!(await this.store.activeUser(otherId))) throw new NotFoundException('User not found');
    await this.assertNotBlocked(userId, otherId);
    const [low, high] = [userId, otherId].sort();
    const result = await this.db.transaction(async (em) => {
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO rooms (kind, visibility, direct_user_low, direct_user_high) VALUES ('direct', 'private', $1, $2)
         ON CONFLICT (direct_user_low, direct_user_high) DO NOTHING RETURNING id`,
        [low, high],
      );
      if (inserted[0]) {
        await em.query(`INSERT INTO room_members (room_id, user_id, listed) VALUES ($1, $2, true), ($1, $3, false)`, [
          inserted[0].id,
          userId,
          otherId,
        ]);
        return { id: inserted[0].id, created: true, listed: true };
      }
      const existing: Array<{ id: string }> = await em.query(
        `SELECT id FROM rooms WHERE direct_user_low = $1 AND direct_user_high = $2`,
        [low, high],
      );
      // The peer of a still empty room opens it too: from now on it is in their list as well.
      const listed = (await this.store.markListed(existing[0].id, em, userId)).length > 0;
      return { id: existing[0].id, created: false, listed };
    });
    // The peer's sockets subscribe already, so a first message reaches an open conversation live.
    if (result.created) this.events.subscribe([otherId], result.id);
    if (result.listed) {
      const views = await this.announceListed(result.id, [userId]);
      return { room: views.get(userId)!, created: result.created };
    }
    return { room: await this.getRoom(userId, result.id), created: false };
  }

  async createGroup(
    userId: string,
    input: { name: string; visibility: 'public' | 'private'; memberIds?: string[] },
  ): Promise<Room> {
    const others = [...new Set(input.memberIds ?? [])].filter((id) => id !== userId);
    if (!cleanText(input.name)) throw new BadRequestException(['name must not be empty']);
    const active = new Set(await this.store.activeUserIds(others));
    const unknown = others.filter((id) => !active.has(id));
    if (unknown.length)
      throw new BadRequestException([`memberIds contains users that do not exist: ${unknown.join(', ')}`]);
    for (const id of others) await this.assertNotBlocked(userId, id);
    const roomId = await this.db.transaction(async (em) => {
      const rows: Array<{ id: string }> = await em.query(
        `INSERT INTO rooms (kind, name, visibility, admin_id) VALUES ('group', $1, $2, $3) RETURNING id`,
        [cleanText(input.name), input.visibility, userId],
      );
      const id = rows[0].id;
      // The creator first: seniority decides who inherits the admin role.
      await em.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2)`, [id, userId]);
      if (others.length) {
        await em.query(`INSERT INTO room_members (room_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u`, [
          id,
          others,
        ]);
      }
      return id;
    });
    const views = await this.announceAdded(roomId, [userId, ...others]);
    return views.get(userId)!;
  }

  async updateRoom(userId: string, roomId: string, input: UpdateRoomInput): Promise<Room> {
    const { room } = await this.memberAccess(userId, roomId, 'change it');
    if (room.kind === 'direct' || room.admin_id !== userId)
      throw new ForbiddenException('Only the room admin can change the room');
    if (input.name !== undefined && !cleanText(input.name)) throw new BadRequestException(['name must not be empty']);
    if (input.avatarImageId) await this.media.requireOwnImage(userId, input.avatarImageId, 'avatarImageId');
    const setAvatar = input.avatarImageId !== undefined;
    await this.db.query(
      `UPDATE rooms SET name = COALESCE($2, name), visibility = COALESCE($3, visibility),
              avatar_image_id = CASE WHEN $4::boolean THEN $5::uuid ELSE avatar_image_id END
        WHERE id = $1`,
      [
        roomId,
        input.name === undefined ? null : cleanText(input.name),
        input.visibility ?? null,
        setAvatar,
        input.avatarImageId ?? null,
      ],
    );
    if (input.visibility === 'private' && room.visibility === 'public')
      this.events.closeChannels(roomId, { members: false });
    const views = await this.announceUpdated(roomId);
    return views.get(userId) ?? this.getRoom(userId, roomId);
  }

  /** Room admin, or a site admin (any group). Messages go with the room (ON DELETE CASCADE). */
  async deleteRoom(actor: AuthUser, roomId: string): Promise<void> {
    const siteAdmin = actor.role === 'admin';
    const room = siteAdmin ? await this.store.room(roomId) : (await this.access(actor.id, roomId)).room;
    if (!room) throw new NotFoundException('Room not found');
    if (room.kind === 'direct') throw new ForbiddenException('A direct conversation cannot be deleted');
    if (room.admin_id !== actor.id && !siteAdmin)
      throw new ForbiddenException('Only the room admin can delete the room');
    const memberIds = await this.db.transaction(async (em) => {
      const ids = await this.store.memberIds(roomId, em);
      await em.query(`DELETE FROM rooms WHERE id = $1`, [roomId]);
      return ids;
    });
    this.announceRemoved(roomId, memberIds, true);
  }

  /** Public groups: anyone joins (idempotent). Anything else I am not in: 404. */
  async joinRoom(userId: string, roomId: string): Promise<Room> {
    const joined = await this.db.transaction(async (em) => {
      const { room, member } = await this.access(userId, roomId, em, true);
      if (member) return false;
      if (!isOpenToNonMembers(room)) throw new NotFoundException('Room not found');
      await em.query(`INSERT INTO room_members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        roomId,
        userId,
      ]);
      return true;
    });
    if (!joined) return this.getRoom(userId, roomId);
    const views = await this.announceAdded(roomId, [userId]);
    return views.get(userId)!;
  }

  async addMember(userId: string, roomId: string, targetId: string): Promise<Room> {
    const { room: seen } = await this.memberAccess(userId, roomId, 'manage its members');
    if (seen.kind === 'direct' || seen.admin_id !== userId)
      throw new ForbiddenException('Only the room admin can add members');
    if (!(await this.store.activeUser(targetId))) throw new NotFoundException('User not found');
    await this.assertNotBlocked(userId, targetId);
    const added = await this.db.transaction(async (em) => {
      // Checked again under the room lock: the admin may have changed (or the room gone) meanwhile.
      const { room } = await this.memberAccess(userId, roomId, 'manage its members', em, true);
      if (room.admin_id !== userId) throw new ForbiddenException('Only the room admin can add members');
      const rows: unknown[] = await em.query(
        `INSERT INTO room_members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [roomId, targetId],
      );
      return rows.length > 0;
    });
    if (!added) return this.getRoom(userId, roomId);
    const views = await this.announceAdded(roomId, [targetId]);
    return views.get(userId) ?? this.getRoom(userId, roomId);
  }

  /**
   * The admin removes anyone; a member removes themself (leave). When the admin leaves, the oldest
   * member becomes admin; the last one out deletes the room. The room row is locked so two people
   * leaving at once cannot both miss being last.
   */
  async removeMember(userId: string, roomId: string, targetId: string): Promise<void> {
    const outcome = await this.db.transaction(async (em) => {
      const { room } = await this.memberAccess(userId, roomId, 'manage its members', em, true);
      if (room.kind === 'direct') throw new ForbiddenException('A direct conversation cannot be left');
      if (targetId !== userId && room.admin_id !== userId)
        throw new ForbiddenException('Only the room admin can remove other members');
      const removed = returned(
        await em.query(`DELETE FROM room_members WHERE room_id = $1 AND user_id = $2 RETURNING user_id`, [
          roomId,
          targetId,
        ]),
      );
      if (removed.length === 0) throw new NotFoundException('That user is not a member of this room');
      const next: Array<{ user_id: string }> = await em.query(
        `SELECT user_id FROM room_members WHERE room_id = $1 ORDER BY joined_at, user_id LIMIT 1`,
        [roomId],
      );
      if (next.length === 0) {
        await em.query(`DELETE FROM rooms WHERE id = $1`, [roomId]);
        return { deleted: true };
      }
      if (room.admin_id === targetId || room.admin_id === null) {
        await em.query(`UPDATE rooms SET admin_id = $2 WHERE id = $1`, [roomId, next[0].user_id]);
      }
      return { deleted: false };
    });
    this.announceRemoved(roomId, [targetId], outcome.deleted);
    if (!outcome.deleted) await this.announceUpdated(roomId);
  }

  // ---- messages ----

  async listMessages(userId: string, roomId: string, page: PageRequest): Promise<Page<Message>> {
    await this.access(userId, roomId);
    const after = decodeTimeKey(page.cursor);
    const { rows, items } = await this.store.messagePage(roomId, userId, after, page.limit + 1);
    const hasMore = rows.length > page.limit;
    const last = rows[page.limit - 1];
    return {
      items: hasMore ? items.slice(0, page.limit) : items,
      nextCursor: hasMore ? encodeTimeKey(last.created_at, last.id) : null,
    };
  }

  /**
   * Stores the message, then tells the room. With a clientId it is idempotent per author: a resend
   * returns the stored message (`created: false`) and nothing is broadcast again.
   */
  async sendMessage(userId: string, roomId: string, input: SendInput): Promise<{ message: Message; created: boolean }> {
    const clientId = input.clientId ?? null;
    const content = cleanText(input.content);
    const imageId = input.imageId ?? null;
    const facts = await this.store.fixedRoomFacts(roomId);
    const recipients =
      facts?.kind === 'direct' && facts.directMembers.includes(userId)
        ? facts.directMembers.filter((id) => id !== userId)
        : [];
    // The common case (text in a group the author is in) is one statement. Anything with checks before
    // it answers a resend first, then checks in the order the errors have always come: the room and
    // membership, blocks, the input.
    const unusual = !content || imageId !== null;
    if (clientId && (unusual || recipients.length)) {
      const resend = await this.byClientId(userId, clientId);
      if (resend) return this.resent(resend, roomId);
    }
    if (unusual) await this.memberAccess(userId, roomId, 'send messages');
    for (const other of recipients) await this.assertNotBlocked(userId, other);
    if (!content && !imageId) throw new BadRequestException(['content or imageId is required']);
    if (imageId) await this.media.requireOwnImage(userId, imageId);

    const stored = facts ? await this.store.storeMessage(roomId, userId, { clientId, content, imageId }) : null;
    if (!stored?.row) {
      // Not stored: a resend (its clientId is taken: answer with the stored message), or no access.
      const existing = clientId ? await this.byClientId(userId, clientId) : null;
      if (existing) return this.resent(existing, roomId);
      if (stored?.room && !stored.member && isOpenToNonMembers(stored.room))
        throw new ForbiddenException('Join the room to send messages');
      throw new NotFoundException('Room not found');
    }
    this.metrics.messageStored();
    const [message] = await Promise.all([
      this.store.forBroadcast(stored.row),
      this.typing.stopIfTyping(roomId, userId), // never throws; its isTyping:false goes out before the message
    ]);
    this.events.toRoom(roomId, 'message:new', message, isOpenToNonMembers(stored.room!));
    // After message:new: a client that already has the room counts the message once, as unread.
    if (stored.listed.length) await this.announceListed(roomId, stored.listed);
    // After the broadcast, so connected members are not kept waiting for it.
    if (recipients.length) await this.missed.stored({ id: stored.row.id, roomId, authorId: userId }, recipients);
    return { message, created: true };
  }

  private async byClientId(userId: string, clientId: string): Promise<MessageRow | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM messages WHERE author_id = $1 AND client_id = $2`,
      [userId, clientId],
    );
    return rows[0] ? this.store.messageRow(rows[0].id) : null;
  }

  private async resent(row: MessageRow, roomId: string): Promise<{ message: Message; created: boolean }> {
    if (row.room_id !== roomId)
      throw new BadRequestException(['clientId was already used for a message in another room']);
    const message = await this.store.message(row.id);
    if (!message) throw new NotFoundException('Message not found');
    return { message, created: false };
  }

  async editMessage(userId: string, roomId: string, messageId: string, contentRaw: string): Promise<Message> {
    const { room } = await this.access(userId, roomId);
    const row = await this.liveMessage(roomId, messageId);
    if (row.author_id !== userId) throw new ForbiddenException('Only the author can edit a message');
    if (!(await this.store.membership(roomId, userId))) throw new ForbiddenException('Join the room to edit messages');
    const content = cleanText(contentRaw);
    const hasImage = row.image_id !== null && row.image_deleted_at === null;
    if (!content && !hasImage) throw new BadRequestException(['content must not be empty']);
    const updated = returned(
      await this.db.query(
        `UPDATE messages SET content = $2, edited_at = clock_timestamp() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [messageId, content],
      ),
    );
    if (updated.length === 0) throw new NotFoundException('Message not found');
    const message = (await this.store.message(messageId))!;
    this.events.toRoom(roomId, 'message:updated', message, isOpenToNonMembers(room));
    return message;
  }

  /** The author, the room admin, or a site admin. Soft delete: the row stays, its content goes. */
  async deleteMessage(actor: AuthUser, roomId: string, messageId: string): Promise<void> {
    const siteAdmin = actor.role === 'admin';
    const room = siteAdmin ? await this.store.room(roomId) : (await this.access(actor.id, roomId)).room;
    if (!room) throw new NotFoundException('Room not found');
    const row = await this.liveMessage(roomId, messageId);
    if (row.author_id !== actor.id && room.admin_id !== actor.id && !siteAdmin) {
      throw new ForbiddenException('Only the author or the room admin can delete this message');
    }
    const deleted = returned(
      await this.db.query(
        `UPDATE messages SET deleted_at = clock_timestamp(), content = '', image_id = NULL WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [messageId],
      ),
    );
    if (deleted.length === 0) throw new NotFoundException('Message not found');
    this.events.toRoom(roomId, 'message:deleted', { roomId, messageId }, isOpenToNonMembers(room));
  }

  private async liveMessage(roomId: string, messageId: string): Promise<MessageRow> {
    const row = await this.store.messageRow(messageId);
    if (!row || row.room_id !== roomId || row.deleted_at !== null) throw new NotFoundException('Message not found');
    return row;
  }

  /** Moves my read position forward to this message (never back); the room hears `read`. */
  async markRead(userId: string, roomId: string, messageId: string): Promise<void> {
    await this.memberAccess(userId, roomId, 'mark messages read');
    const msgs: Array<{ created_at: Date }> = await this.db.query(
      `SELECT created_at FROM messages WHERE id = $1 AND room_id = $2`,
      [messageId, roomId],
    );
    if (!msgs[0]) throw new NotFoundException('Message not found');
    const moved = returned(
      await this.db.query(
        `UPDATE room_members SET last_read_message_id = $3, last_read_at = $4
        WHERE room_id = $1 AND user_id = $2
          AND (last_read_at IS NULL OR (last_read_at, COALESCE(last_read_message_id, '${NIL_UUID}'::uuid)) < ($4::timestamptz, $3::uuid))
        RETURNING user_id`,
        [roomId, userId, messageId, msgs[0].created_at],
      ),
    );
    if (moved.length) this.events.toRoom(roomId, 'read', { roomId, userId, messageId });
  }

  /** A member as others see them while typing (null if not a member). */
  async typingUser(userId: string, roomId: string): Promise<UserSummary | null> {
    if (!(await this.store.membership(roomId, userId))) return null;
    return this.store.activeUser(userId);
  }

  // ---- live announcements (after commit) ----

  /**
   * New members: their sockets subscribe and get room:added; the others who list the room get
   * room:updated. A member who does not list the room (see RoomMemberEntity.listed) hears nothing.
   */
  private async announceAdded(roomId: string, newIds: string[]): Promise<Map<string, Room>> {
    const memberIds = await this.store.listedMemberIds(roomId);
    const views = await this.store.hydrateFor(roomId, memberIds);
    const fresh = new Set(newIds);
    this.events.subscribe(newIds, roomId);
    for (const [viewer, room] of views)
      this.events.toUsers([viewer], fresh.has(viewer) ? 'room:added' : 'room:updated', room);
    return views;
  }

  /** Members the room was just listed for get room:added (their sockets subscribe); nothing changed for the others. */
  private async announceListed(roomId: string, userIds: string[]): Promise<Map<string, Room>> {
    const views = await this.store.hydrateFor(roomId, userIds);
    this.events.subscribe(userIds, roomId);
    for (const [viewer, room] of views) this.events.toUsers([viewer], 'room:added', room);
    return views;
  }

  private async announceUpdated(roomId: string): Promise<Map<string, Room>> {
    const views = await this.store.hydrateFor(roomId, await this.store.listedMemberIds(roomId));
    for (const [viewer, room] of views) this.events.toUsers([viewer], 'room:updated', room);
    return views;
  }

  private announceRemoved(roomId: string, userIds: string[], roomGone: boolean): void {
    this.events.toUsers(userIds, 'room:removed', { roomId });
    this.events.unsubscribe(userIds, roomId);
    if (roomGone) {
      this.events.toChannels([watchChannel(roomId)], 'room:removed', { roomId });
      this.events.closeChannels(roomId, { members: true });
    }
  }
}
