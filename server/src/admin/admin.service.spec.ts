import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { SessionsService } from '../auth/sessions.service';
import type { JobQueue } from '../jobs/job-queue';
import type { PresenceService } from '../realtime/presence.service';
import type { FriendDirectory } from '../users/social-graph';
import type { User } from '../users/user.entity';
import type { UsersRepository } from '../users/users.repository';
import type { AdminStatsRepository } from './admin-stats.repository';
import { AdminService } from './admin.service';

const ADMIN: AuthUser = { id: '11111111-1111-4111-8111-111111111111', role: 'admin', sessionId: 's-admin' };
const BOB = '22222222-2222-4222-8222-222222222222';
const NOBODY = '33333333-3333-4333-8333-333333333333';

/** The ban rules, with the users table and the sessions mocked away (the e2e suite runs them for real). */
describe('AdminService bans', () => {
  let calls: string[];
  let service: AdminService;

  beforeEach(() => {
    calls = [];
    const users = {
      findById: async (id: string) => (id === NOBODY ? null : ({ id } as User)),
      update: async (id: string, changes: Partial<User>) => {
        calls.push(`update ${id} banned=${String(changes.banned)}`);
      },
    } as unknown as UsersRepository;
    const sessions = {
      revokeAllForUser: async (id: string, reason: string) => {
        calls.push(`revoke ${id} ${reason}`);
      },
    } as unknown as SessionsService;
    service = new AdminService(
      users,
      sessions,
      {} as PresenceService,
      {} as FriendDirectory,
      {} as AdminStatsRepository,
      {} as JobQueue,
    );
  });

  it('sets the flag before it ends the sessions, so no new session can slip in between', async () => {
    await service.ban(ADMIN, BOB);
    expect(calls).toEqual([`update ${BOB} banned=true`, `revoke ${BOB} banned`]);
  });

  it('refuses to ban the caller (400 cannot_ban_self) and touches nothing', async () => {
    const err = await service.ban(ADMIN, ADMIN.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect((err as BadRequestException).getResponse()).toMatchObject({ code: 'cannot_ban_self' });
    expect(calls).toEqual([]);
  });

  it('answers 404 for an unknown user, on ban and unban alike', async () => {
    await expect(service.ban(ADMIN, NOBODY)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.unban(NOBODY)).rejects.toBeInstanceOf(NotFoundException);
    expect(calls).toEqual([]);
  });

  it('unban clears the flag and ends no session', async () => {
    await service.unban(BOB);
    expect(calls).toEqual([`update ${BOB} banned=false`]);
  });
});
