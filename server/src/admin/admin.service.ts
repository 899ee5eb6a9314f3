import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AdminStats, AdminUser, ErrorBody, Page } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { SessionsService } from '../auth/sessions.service';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { JobQueue } from '../jobs/job-queue';
import { PresenceService } from '../realtime/presence.service';
import { FriendDirectory } from '../users/social-graph';
import { UsersRepository } from '../users/users.repository';
import { AdminStatsRepository } from './admin-stats.repository';
import { toAdminUser } from './admin-user.mapper';
import type { ListAdminUsersQuery } from './dto/list-admin-users.query';

/** The site admin's work: every account (with its ban and confirmation state), bans, and the totals. */
@Injectable()
export class AdminService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly presence: PresenceService,
    private readonly friends: FriendDirectory,
    private readonly stats: AdminStatsRepository,
    private readonly jobs: JobQueue,
  ) {}

  async listUsers(admin: AuthUser, q: ListAdminUsersQuery): Promise<Page<AdminUser>> {
    const limit = pageLimit(q);
    const rows = await this.users.listAll(q.search || undefined, decodeTimeKey(q.cursor), limit + 1);
    const ids = rows.map((r) => r.id);
    const [online, status, counts] = await Promise.all([
      this.presence.onlineAmong(ids),
      this.friends.statusBetween(admin.id, ids),
      this.friends.countsOf(ids),
    ]);
    return toPage(
      rows,
      limit,
      (u) =>
        toAdminUser(u, {
          online: online.has(u.id),
          friendship: status.get(u.id) ?? 'none',
          friendsCount: counts.get(u.id) ?? 0,
        }),
      (u) => ({ t: u.createdAt.toISOString(), id: u.id }),
    );
  }

  /**
   * Bans the user: the flag first (no new sign-in, refresh or socket from here on: every access token
   * is checked against it), then every session ends, which disconnects the user's sockets on every
   * API process. Banning a banned user again is a no-op that still ends any session left.
   */
  async ban(admin: AuthUser, userId: string): Promise<void> {
    if (userId === admin.id) {
      throw new BadRequestException({
        message: 'an admin cannot ban themselves',
        code: 'cannot_ban_self',
      } satisfies Partial<ErrorBody>);
    }
    await this.existing(userId);
    await this.users.update(userId, { banned: true });
    await this.sessions.revokeAllForUser(userId, 'banned');
  }

  /** Lifts the ban: the user may sign in again (their old sessions stay ended). */
  async unban(userId: string): Promise<void> {
    await this.existing(userId);
    await this.users.update(userId, { banned: false });
  }

  async getStats(): Promise<AdminStats> {
    const [tables, counts] = await Promise.all([this.stats.tableCounts(), this.jobs.counts()]);
    return {
      ...tables,
      // Mail rides on the one job queue; the contract's four states fold the delayed jobs into waiting.
      mailQueue: {
        waiting: counts.waiting + counts.delayed,
        active: counts.active,
        failed: counts.failed,
        completed: counts.completed,
      },
      queues: { [this.jobs.name]: counts },
    };
  }

  private async existing(userId: string): Promise<void> {
    if (!(await this.users.findById(userId))) throw new NotFoundException('No such user');
  }
}
