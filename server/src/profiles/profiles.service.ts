import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Me, Page, Profile } from '@world-it/contracts';
import { PresenceService } from '../realtime/presence.service';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { BlockChecker, FriendDirectory } from '../users/social-graph';
import type { User } from '../users/user.entity';
import { toMe, toProfile } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import type { ListProfilesQuery } from './dto/list-profiles.query';
import type { UpdateProfileDto } from './dto/update-profile.dto';

@Injectable()
export class ProfilesService {
  constructor(
    private readonly users: UsersRepository,
    private readonly presence: PresenceService,
    private readonly friends: FriendDirectory,
    private readonly blocks: BlockChecker,
  ) {}

  /**
   * Every confirmed, unbanned user, newest first; `search` matches display/first/last name. People in
   * a block with the viewer (either way) are left out. Friendship and friends count in batch.
   */
  async list(viewerId: string, q: ListProfilesQuery): Promise<Page<Profile>> {
    const limit = pageLimit(q);
    const hidden = await this.blocks.blockedPeersOf(viewerId);
    const rows = await this.users.listActive(q.search, decodeTimeKey(q.cursor), limit + 1, hidden);
    const ids = rows.map((r) => r.id);
    const [online, status, counts] = await Promise.all([
      this.presence.onlineAmong(ids),
      this.friends.statusBetween(viewerId, ids),
      this.friends.countsOf(ids),
    ]);
    return toPage(
      rows,
      limit,
      (u) =>
        toProfile(u, {
          online: online.has(u.id),
          friendship: status.get(u.id) ?? 'none',
          friendsCount: counts.get(u.id) ?? 0,
        }),
      (u) => ({ t: u.createdAt.toISOString(), id: u.id }),
    );
  }

  /**
   * One profile. Someone in a block with me (either way) stays visible (an old chat links to them,
   * and the blocker needs the page to unblock), but never with presence: not online, no last seen.
   */
  async get(viewerId: string, id: string): Promise<Profile> {
    const user = await this.users.findActive(id);
    if (!user) throw new NotFoundException('No such profile');
    const [online, status, counts] = await Promise.all([
      this.presence.isOnline(user.id),
      this.friends.statusBetween(viewerId, [user.id]),
      this.friends.countsOf([user.id]),
    ]);
    const profile = toProfile(user, {
      online,
      friendship: status.get(user.id) ?? 'none',
      friendsCount: counts.get(user.id) ?? 0,
    });
    if (user.id === viewerId) return profile;
    const [blocked, blockedByMe, mutualFriendsCount] = await Promise.all([
      this.blocks.isBlocked(viewerId, user.id),
      this.blocks.hasBlocked(viewerId, user.id),
      this.friends.mutualCount(viewerId, user.id),
    ]);
    return blocked
      ? { ...profile, online: false, lastSeenAt: null, blockedByMe, mutualFriendsCount }
      : { ...profile, blockedByMe, mutualFriendsCount };
  }

  async update(userId: string, dto: UpdateProfileDto): Promise<Me> {
    if (dto.dateOfBirth) {
      const today = new Date().toISOString().slice(0, 10);
      if (dto.dateOfBirth >= today) throw new BadRequestException(['dateOfBirth must be in the past']);
      if (dto.dateOfBirth < '1900-01-01') throw new BadRequestException(['dateOfBirth must be after 1900-01-01']);
    }
    const changes: Partial<User> = {};
    for (const key of [
      'displayName',
      'firstName',
      'lastName',
      'about',
      'dateOfBirth',
      'language',
      'emailDigest',
    ] as const) {
      if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
    }
    if (Object.keys(changes).length) await this.users.update(userId, changes);
    return this.me(userId);
  }

  /** The caller's own account as it is now, friends count included (what PATCH me and the avatar routes answer). */
  async me(userId: string): Promise<Me> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException('No such user');
    const counts = await this.friends.countsOf([userId]);
    return toMe(user, { friendsCount: counts.get(userId) ?? 0 });
  }
}
