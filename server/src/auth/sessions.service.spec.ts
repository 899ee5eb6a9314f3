import { UnauthorizedException } from '@nestjs/common';
import { FindOperator, type Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { AccessTokenService } from './access-token.service';
import type { RefreshToken } from './refresh-token.entity';
import { SessionRevocations } from './session-revocations';
import type { Session } from './session.entity';
import { hashRefreshToken, SessionsService } from './sessions.service';
import type { User } from '../users/user.entity';
import type { UsersRepository } from '../users/users.repository';

type Row = Record<string, unknown>;

function matches(row: Row, where: Row): boolean {
  return Object.entries(where).every(([k, v]) => {
    if (v instanceof FindOperator) {
      const op = v as FindOperator<unknown>;
      if (op.type === 'isNull') return row[k] === null || row[k] === undefined;
      if (op.type === 'not') return row[k] !== op.value;
      if (op.type === 'lessThan') return (row[k] as Date) < (op.value as Date);
      if (op.type === 'in') return (op.value as unknown[]).includes(row[k]);
      throw new Error(`operator ${op.type} not stubbed`);
    }
    return row[k] === v;
  });
}

/** Just the Repository calls SessionsService makes, over an array. */
function memoryRepo<T extends Row>(rows: T[] = []) {
  let seq = 0;
  const repo = {
    rows,
    create: (v: Partial<T>) => ({ ...v }) as T,
    save: async (v: T) => {
      const row = { id: `id-${++seq}`, createdAt: new Date(), ...v } as T;
      rows.push(row);
      return { ...row };
    },
    insert: async (v: Partial<T>) => {
      rows.push({ id: `id-${++seq}`, createdAt: new Date(), ...v } as unknown as T);
    },
    find: async ({ where }: { where: Row }) => rows.filter((r) => matches(r, where)).map((r) => ({ ...r })),
    findOne: async ({ where }: { where: Row }) => {
      const row = rows.find((r) => matches(r, where));
      return row ? { ...row } : null;
    },
    update: async (where: Row, patch: Partial<T>) => {
      let affected = 0;
      for (const r of rows) {
        if (matches(r, where)) {
          Object.assign(r, patch);
          affected++;
        }
      }
      return { affected };
    },
    delete: async (where: Row) => {
      const before = rows.length;
      const keep = rows.filter((r) => !matches(r, where));
      rows.splice(0, rows.length, ...keep);
      return { affected: before - rows.length };
    },
  };
  return repo;
}

describe('SessionsService (rotating refresh tokens with reuse detection)', () => {
  let sessions: ReturnType<typeof memoryRepo<Row>>;
  let tokens: ReturnType<typeof memoryRepo<Row>>;
  let users: ReturnType<typeof memoryRepo<Row>>;
  let service: SessionsService;
  let signed: Array<{ userId: string; sessionId: string }>;
  let revoked: string[][];
  const user = { id: 'user-1', role: 'user', banned: false, confirmed: true };

  beforeEach(() => {
    sessions = memoryRepo();
    tokens = memoryRepo();
    users = memoryRepo<Row>([{ ...user }]);
    signed = [];
    const accessTokens = {
      sign: (u: Pick<User, 'id'>, sessionId: string) => {
        signed.push({ userId: u.id, sessionId });
        return `access-${signed.length}`;
      },
    } as unknown as AccessTokenService;
    const config = { jwt: { refreshTtlSeconds: 3600 } } as AppConfig;
    const revocations = new SessionRevocations();
    revoked = [];
    revocations.listen((ids) => revoked.push(ids));
    service = new SessionsService(
      sessions as unknown as Repository<Session>,
      tokens as unknown as Repository<RefreshToken>,
      { authState: async (id: string) => users.findOne({ where: { id } }) } as unknown as UsersRepository,
      accessTokens,
      config,
      revocations,
    );
  });

  it('starts a session: an access token for it and a random refresh token stored only as its sha256', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    expect(s.accessToken).toBe('access-1');
    expect(signed[0]).toEqual({ userId: user.id, sessionId: s.sessionId });
    expect(s.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.rows).toHaveLength(1);
    expect(tokens.rows[0].tokenHash).toBe(hashRefreshToken(s.refreshToken));
    expect(JSON.stringify(tokens.rows)).not.toContain(s.refreshToken);
    expect((sessions.rows[0].expiresAt as Date).getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('rotates: each refresh token works once and yields a new pair for the same session', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    const next = await service.rotate(s.refreshToken);
    expect(next.refreshToken).not.toBe(s.refreshToken);
    expect(signed[1].sessionId).toBe(s.sessionId);
    expect(tokens.rows.find((r) => r.tokenHash === hashRefreshToken(s.refreshToken))?.spentAt).toBeInstanceOf(Date);
    const third = await service.rotate(next.refreshToken);
    expect(third.refreshToken).not.toBe(next.refreshToken);
  });

  it('reuse of a spent token revokes the whole session: 401, and the newest token stops working too', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    const next = await service.rotate(s.refreshToken);
    await expect(service.rotate(s.refreshToken)).rejects.toThrow(/already used/);
    expect(sessions.rows[0]).toMatchObject({ revokedReason: 'reuse' });
    expect(sessions.rows[0].revokedAt).toBeInstanceOf(Date);
    await expect(service.rotate(next.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('a token spent concurrently (the atomic update matched nothing) is treated as reuse', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    const update = tokens.update;
    tokens.update = async () => ({ affected: 0 });
    await expect(service.rotate(s.refreshToken)).rejects.toThrow(/already used/);
    tokens.update = update;
    expect(sessions.rows[0].revokedReason).toBe('reuse');
  });

  it('reuse in one session leaves the user’s other sessions alone', async () => {
    const a = await service.start({ id: user.id, role: 'user' });
    const b = await service.start({ id: user.id, role: 'user' });
    await service.rotate(a.refreshToken);
    await expect(service.rotate(a.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(service.rotate(b.refreshToken)).resolves.toBeDefined();
  });

  it('unknown, malformed, revoked or expired → 401', async () => {
    await expect(service.rotate('x'.repeat(43))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(service.rotate('bad token!')).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(service.rotate(undefined as unknown as string)).rejects.toBeInstanceOf(UnauthorizedException);
    const s = await service.start({ id: user.id, role: 'user' });
    sessions.rows[0].expiresAt = new Date(Date.now() - 1);
    await expect(service.rotate(s.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
    const t = await service.start({ id: user.id, role: 'user' });
    await service.revokeByRefreshToken(t.refreshToken);
    await expect(service.rotate(t.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('a banned user cannot refresh, and the session ends', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    users.rows[0].banned = true;
    await expect(service.rotate(s.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(sessions.rows[0].revokedAt).toBeInstanceOf(Date);
  });

  it('revokes every session of a user, optionally keeping one', async () => {
    const a = await service.start({ id: user.id, role: 'user' });
    const b = await service.start({ id: user.id, role: 'user' });
    await service.revokeAllForUser(user.id, 'password_change', a.sessionId);
    expect(sessions.rows.find((r) => r.id === a.sessionId)?.revokedAt).toBeFalsy();
    expect(sessions.rows.find((r) => r.id === b.sessionId)?.revokedAt).toBeInstanceOf(Date);
    await service.revokeAllForUser(user.id, 'password_reset');
    expect(sessions.rows.every((r) => r.revokedAt instanceof Date)).toBe(true);
  });

  it('announces every revoked session once (their sockets are disconnected), and nothing already revoked', async () => {
    const a = await service.start({ id: user.id, role: 'user' });
    const b = await service.start({ id: user.id, role: 'user' });
    const c = await service.start({ id: user.id, role: 'user' });
    await service.revokeByRefreshToken(a.refreshToken);
    await service.revokeByRefreshToken(a.refreshToken);
    expect(revoked).toEqual([[a.sessionId]]);
    await service.revokeAllForUser(user.id, 'password_change', b.sessionId);
    expect(revoked[1]).toEqual([c.sessionId]);
    await service.revokeAllForUser(user.id, 'password_reset');
    expect(revoked[2]).toEqual([b.sessionId]);
    await service.revokeAllForUser(user.id, 'password_reset');
    expect(revoked).toHaveLength(3);
  });

  it('announces a session revoked for refresh-token reuse', async () => {
    const s = await service.start({ id: user.id, role: 'user' });
    await service.rotate(s.refreshToken);
    await expect(service.rotate(s.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(revoked).toEqual([[s.sessionId]]);
  });

  it('logout with an unknown token is a no-op', async () => {
    await expect(service.revokeByRefreshToken('unknown-token-0123456789abcdef')).resolves.toBeUndefined();
  });
});
