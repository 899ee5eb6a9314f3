import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Me, Page, Profile } from '@world-it/contracts';
import { PresenceService } from '../realtime/presence.service';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
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
  ) {}

  /** Every confirmed, unbanned user, newest first; `search` matches display/first/last name. */
  async list(viewerId: string, q: ListProfilesQuery): Promise<Page<Profile>> {
    const limit = pageLimit(q);
    const rows = await this.users.listActive(q.search, decodeTimeKey(q.cursor), limit + 1);
    const online = await this.presence.onlineAmong(rows.map((r) => r.id));
    return toPage(
      rows,
      limit,
      (u) => toProfile(u, { online: online.has(u.id), friendship: u.id === viewerId ? 'self' : 'none' }),
      (u) => ({ t: u.createdAt.toISOString(), id: u.id }),
    );
  }

  async get(viewerId: string, id: string): Promise<Profile> {
    const user = await this.users.findActive(id);
    if (!user) throw new NotFoundException('No such profile');
    return toProfile(user, {
      online: await this.presence.isOnline(user.id),
      friendship: user.id === viewerId ? 'self' : 'none',
    });
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
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException('No such user');
    return toMe(user);
  }

  /** The caller's own account as it is now (what the avatar routes answer). */
  async me(userId: string): Promise<Me> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException('No such user');
    return toMe(user);
  }
}
