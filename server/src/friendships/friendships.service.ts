import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  SUGGESTIONS_MAX,
  type BecameFriendsResponse,
  type ErrorBody,
  type FriendRequest,
  type FriendRequestDirection,
  type Page,
  type PageQuery,
  type UserSummary,
} from '@world-it/contracts';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { PresenceService } from '../realtime/presence.service';
import { toUserSummary } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { BlocksRepository } from './blocks.repository';
import { FriendshipsRepository, type PersonRow, type RequestRow } from './friendships.repository';
import { RealtimeEmitter } from '../realtime/realtime-emitter';

/** What sending a request did: a new request (201), the one already pending from me (200), or friends (200). */
export type SendOutcome =
  | { kind: 'requested'; request: FriendRequest }
  | { kind: 'already_requested'; request: FriendRequest }
  | { kind: 'friends'; body: BecameFriendsResponse };

export function blockedError(message: string): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    message,
    error: 'Forbidden',
    code: 'blocked',
  } satisfies ErrorBody);
}

/**
 * The friendship and blocking rules: requests, accept/decline/cancel, crossing requests becoming a
 * friendship, unfriending, friend lists, suggestions, and blocks (which end the friendship and any
 * request between the pair). Every change to a pair runs under that pair's lock; what notifications
 * react to is announced through DomainEvents after the change is committed.
 */
@Injectable()
export class FriendshipsService {
  constructor(
    private readonly friendships: FriendshipsRepository,
    private readonly blocks: BlocksRepository,
    private readonly users: UsersRepository,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeEmitter,
  ) {}

  // ---- requests ----

  async sendRequest(meId: string, otherId: string): Promise<SendOutcome> {
    if (otherId === meId) throw new ConflictException('You cannot send a friend request to yourself');
    if (!(await this.users.findActive(otherId))) throw new NotFoundException('User not found');
    const outcome = await this.friendships.transaction(async (em) => {
      await this.friendships.lockPair(em, meId, otherId);
      if (await this.blocks.eitherWay(meId, otherId, em))
        throw blockedError('You cannot send this user a friend request');
      // The request is read back in this transaction: a block committed right after cannot turn the 201 into a 404.
      const created = await this.friendships.insertRequest(em, meId, otherId);
      if (created)
        return { kind: 'requested' as const, id: created.id, row: await this.requestRowOrFail(created.id, em) };
      // The pair has a row already (the unique pair decides; under the pair lock it cannot change now).
      const existing = await this.friendships.findPair(meId, otherId, em, true);
      if (!existing) throw new Error('friendships row vanished under the pair lock');
      if (existing.status === 'accepted') throw new ConflictException('You are friends already');
      if (existing.requester_id === meId) {
        return {
          kind: 'already_requested' as const,
          id: existing.id,
          row: await this.requestRowOrFail(existing.id, em),
        };
      }
      // They had asked me: my request accepts theirs (also when both sent at the same moment).
      await this.friendships.markAccepted(em, existing.id);
      return { kind: 'friends' as const, id: existing.id };
    });
    switch (outcome.kind) {
      case 'requested': {
        await this.events.emit('friendship.requested', { requestId: outcome.id, fromId: meId, toId: otherId });
        return { kind: 'requested', request: await this.withPresence(outcome.row) };
      }
      case 'already_requested':
        return { kind: 'already_requested', request: await this.withPresence(outcome.row) };
      case 'friends':
        await this.events.emit('friendship.accepted', { requesterId: otherId, accepterId: meId });
        return { kind: 'friends', body: { status: 'friends' } };
    }
  }

  /** The recipient accepts: the pair are friends. The sender → 403; anyone else (or no such pending request) → 404. */
  async accept(meId: string, requestId: string): Promise<BecameFriendsResponse> {
    const requesterId = await this.friendships.transaction(async (em) => {
      const row = await this.friendships.pendingTo(em, requestId, meId);
      if (!row)
        throw await this.notMineToChange(requestId, meId, 'Only the recipient may answer this friend request', em);
      await this.friendships.markAccepted(em, row.id);
      return row.requester_id;
    });
    await this.events.emit('friendship.accepted', { requesterId, accepterId: meId });
    return { status: 'friends' };
  }

  /** The recipient declines: the request is gone (the sender may ask again later). The sender → 403. */
  async decline(meId: string, requestId: string): Promise<void> {
    await this.friendships.transaction(async (em) => {
      const row = await this.friendships.pendingTo(em, requestId, meId);
      if (!row)
        throw await this.notMineToChange(requestId, meId, 'Only the recipient may answer this friend request', em);
      await this.friendships.deleteById(em, row.id);
    });
  }

  /** The sender takes the request back. The recipient → 403 (they decline instead). */
  async cancel(meId: string, requestId: string): Promise<void> {
    if (!(await this.friendships.deletePendingFrom(requestId, meId))) {
      throw await this.notMineToChange(requestId, meId, 'Only the sender may cancel this friend request');
    }
  }

  /**
   * Why I may not answer or cancel this request: the other party of a pending request may see it but
   * not do this (403); to anyone else it does not exist (404).
   */
  private async notMineToChange(requestId: string, meId: string, message: string, em?: EntityManager): Promise<Error> {
    // Inside the caller's transaction when there is one (the embedded database has a single connection).
    return (await this.friendships.pendingInvolving(requestId, meId, em))
      ? new ForbiddenException(message)
      : new NotFoundException('Friend request not found');
  }

  async requests(meId: string, direction: FriendRequestDirection, q: PageQuery): Promise<Page<FriendRequest>> {
    const limit = pageLimit(q);
    const rows = await this.friendships.requestsPage(meId, direction, decodeTimeKey(q.cursor), limit + 1);
    const online = await this.presence.onlineAmong(rows.flatMap((r) => [r.from.id, r.to.id]));
    return toPage(
      rows,
      limit,
      (r) => toFriendRequest(r, online),
      (r) => ({ t: r.createdAt.toISOString(), id: r.id }),
    );
  }

  // ---- friends ----

  async unfriend(meId: string, otherId: string): Promise<void> {
    if (!(await this.friendships.deletePair(meId, otherId, 'accepted'))) {
      throw new NotFoundException('You are not friends');
    }
  }

  myFriends(meId: string, q: PageQuery): Promise<Page<UserSummary>> {
    return this.friendsPage(meId, q, []);
  }

  /** Anyone's friends (404 for an unknown user); people in a block with the viewer are left out. */
  async friendsOf(viewerId: string, userId: string, q: PageQuery): Promise<Page<UserSummary>> {
    if (!(await this.users.findActive(userId))) throw new NotFoundException('User not found');
    return this.friendsPage(userId, q, userId === viewerId ? [] : await this.blocks.peersOf(viewerId));
  }

  private async friendsPage(userId: string, q: PageQuery, hidden: string[]): Promise<Page<UserSummary>> {
    const limit = pageLimit(q);
    const rows = await this.friendships.friendsPage(userId, decodeTimeKey(q.cursor), limit + 1, hidden);
    const online = await this.presence.onlineAmong(rows.map((r) => r.id));
    return toPage(
      rows,
      limit,
      (r) => summary(r, online),
      (r) => ({ t: r.since.toISOString(), id: r.id }),
    );
  }

  async suggestions(meId: string): Promise<UserSummary[]> {
    const rows = await this.friendships.suggestions(meId, SUGGESTIONS_MAX);
    const online = await this.presence.onlineAmong(rows.map((r) => r.id));
    return rows.map((r) => summary(r, online));
  }

  // ---- blocks ----

  /** Idempotent; ends any friendship or pending request between the two. */
  async block(meId: string, otherId: string): Promise<void> {
    if (otherId === meId) throw new BadRequestException(['id must be someone else: you cannot block yourself']);
    if (!(await this.users.findActive(otherId))) throw new NotFoundException('User not found');
    await this.friendships.transaction(async (em) => {
      await this.friendships.lockPair(em, meId, otherId);
      await this.blocks.insert(em, meId, otherId);
      await this.friendships.deletePair(meId, otherId, undefined, em);
    });
    // From now on neither hears the other's presence; the last thing each hears is "offline", so an
    // open chat does not keep showing the other online.
    this.realtime.toUser(otherId, 'presence', { userId: meId, online: false, lastSeenAt: null });
    this.realtime.toUser(meId, 'presence', { userId: otherId, online: false, lastSeenAt: null });
  }

  /** Idempotent: unblocking someone I do not block is fine (a since-banned account can be unblocked too). */
  async unblock(meId: string, otherId: string): Promise<void> {
    if (otherId === meId) throw new BadRequestException(['id must be someone else: you cannot block yourself']);
    if (!(await this.users.findById(otherId))) throw new NotFoundException('User not found');
    await this.blocks.delete(meId, otherId);
    // Presence flows again unless a block the other way remains: tell each where the other stands.
    if (await this.blocks.eitherWay(meId, otherId)) return;
    const [me, other] = await Promise.all([this.users.findById(meId), this.users.findById(otherId)]);
    const online = await this.presence.onlineAmong([meId, otherId]);
    this.realtime.toUser(otherId, 'presence', {
      userId: meId,
      online: online.has(meId),
      lastSeenAt: me?.lastSeenAt?.toISOString() ?? null,
    });
    this.realtime.toUser(meId, 'presence', {
      userId: otherId,
      online: online.has(otherId),
      lastSeenAt: other?.lastSeenAt?.toISOString() ?? null,
    });
  }

  /** The people I block; never with presence (a block hides it both ways). */
  async blocked(meId: string, q: PageQuery): Promise<Page<UserSummary>> {
    const limit = pageLimit(q);
    const rows = await this.blocks.blockedPage(meId, decodeTimeKey(q.cursor), limit + 1);
    return toPage(
      rows,
      limit,
      (r) => toUserSummary(r, false),
      (r) => ({ t: r.since.toISOString(), id: r.id }),
    );
  }

  private async requestRowOrFail(id: string, em: EntityManager): Promise<RequestRow> {
    const row = await this.friendships.requestById(id, em);
    if (!row) throw new NotFoundException('Friend request not found');
    return row;
  }

  private async withPresence(row: RequestRow): Promise<FriendRequest> {
    const online = await this.presence.onlineAmong([row.from.id, row.to.id]);
    return toFriendRequest(row, online);
  }
}

function summary(row: PersonRow, online: Set<string>): UserSummary {
  return toUserSummary(row, online.has(row.id));
}

export function toFriendRequest(row: RequestRow, online: Set<string>): FriendRequest {
  return {
    id: row.id,
    from: summary(row.from, online),
    to: summary(row.to, online),
    createdAt: row.createdAt.toISOString(),
  };
}
