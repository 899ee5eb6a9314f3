import type { AppConfig } from '../../config/app-config';
import type { User } from '../../users/user.entity';
import type { UsersRepository } from '../../users/users.repository';
import { QueueDashboardSessions, readCookie } from './queue-dashboard-sessions';

const SECRET = 'unit-access-secret-that-is-long-enough-0123456789';

function sessions(isProduction: boolean, user: Partial<User> | null = { role: 'admin' }) {
  const findActive = jest.fn(async () => user as User | null);
  const config = { isProduction, jwt: { accessSecret: SECRET } } as AppConfig;
  const s = new QueueDashboardSessions(config, { findActive } as unknown as UsersRepository);
  return { s, findActive };
}

const cookieHeader = (setCookie: string): string => setCookie.split(';')[0];

describe('QueueDashboardSessions (the board hand-over cookie)', () => {
  it('marks the cookie Secure in production only', () => {
    expect(sessions(true).s.issue('u1')).toMatch(/; Secure$/);
    expect(sessions(false).s.issue('u1')).not.toContain('Secure');
  });

  it('admits its own cookie until it expires, 10 minutes after it was issued', async () => {
    const { s } = sessions(false);
    const now = Date.now();
    const header = cookieHeader(s.issue('u1', now));
    expect(await s.admit(header, now + 9 * 60_000)).toBe('u1');
    expect(await s.admit(header, now + 10 * 60_000)).toBeNull();
  });

  it('refuses a cookie signed with another key', async () => {
    const other = new QueueDashboardSessions(
      { isProduction: false, jwt: { accessSecret: `${SECRET}-other` } } as AppConfig,
      {} as UsersRepository,
    );
    expect(await sessions(false).s.admit(cookieHeader(other.issue('u1')))).toBeNull();
  });

  it('asks the database at most every two seconds whether the user is still an active admin', async () => {
    const { s, findActive } = sessions(false);
    const now = Date.now();
    const header = cookieHeader(s.issue('u1', now));
    await s.admit(header, now);
    await s.admit(header, now + 1000);
    expect(findActive).toHaveBeenCalledTimes(1);
    await s.admit(header, now + 2500);
    expect(findActive).toHaveBeenCalledTimes(2);
  });

  it('refuses a user who is no longer an admin, or no longer active (banned, gone)', async () => {
    for (const user of [{ role: 'user' as const }, null]) {
      const { s } = sessions(false, user);
      expect(await s.admit(cookieHeader(s.issue('u1')))).toBeNull();
    }
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; wit_queue_board=x.y; b=2', 'wit_queue_board')).toBe('x.y');
    expect(readCookie('a=1', 'wit_queue_board')).toBeUndefined();
    expect(readCookie(undefined, 'wit_queue_board')).toBeUndefined();
  });
});
