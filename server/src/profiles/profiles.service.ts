import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Me, Page, Profile } from '@world-it/contracts';
import { Repository } from 'typeorm';
import { toMe, toProfile } from '../auth/user.mapper';
import { User } from '../auth/user.entity';
import { PresenceService } from '../chat/presence.service';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import type { ListProfilesQuery } from './dto/list-profiles.query';
import type { UpdateProfileDto } from './dto/update-profile.dto';

const CREATED_MS = "date_trunc('milliseconds', u.created_at)";

/** LIKE pattern for a literal substring (user text never acts as a wildcard). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class ProfilesService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly presence: PresenceService,
  ) {}

  /** Every confirmed, unbanned user, newest first; `search` matches display/first/last name. */
  async list(viewerId: string, q: ListProfilesQuery): Promise<Page<Profile>> {
    const limit = pageLimit(q);
    const after = decodeTimeKey(q.cursor);
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.confirmed = true AND u.banned = false')
      // users.created_at has microseconds, cursors milliseconds: page on the millisecond so none is skipped.
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(limit + 1);
    if (q.search) {
      qb.andWhere(
        `(u.display_name ILIKE :p ESCAPE '\\' OR u.first_name ILIKE :p ESCAPE '\\' OR u.last_name ILIKE :p ESCAPE '\\' OR (u.first_name || ' ' || u.last_name) ILIKE :p ESCAPE '\\')`,
        { p: containsPattern(q.search) },
      );
    }
    if (after) qb.andWhere(`(${CREATED_MS}, u.id) < (:t, :id)`, { t: after.at, id: after.id });
    const rows = await qb.getMany();
    const online = await this.presence.onlineAmong(rows.map((r) => r.id));
    return toPage(
      rows,
      limit,
      (u) => toProfile(u, { online: online.has(u.id), friendship: u.id === viewerId ? 'self' : 'none' }),
      (u) => ({ t: u.createdAt.toISOString(), id: u.id }),
    );
  }

  async get(viewerId: string, id: string): Promise<Profile> {
    const user = await this.users.findOne({ where: { id, confirmed: true, banned: false } });
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
    if (Object.keys(changes).length) await this.users.update({ id: userId }, changes);
    const user = await this.users.findOneOrFail({ where: { id: userId } });
    return toMe(user);
  }
}
