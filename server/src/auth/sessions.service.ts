import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TokenPair } from '@world-it/contracts';
import { In, IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';
import { RefreshToken } from './refresh-token.entity';
import { SessionRevocations } from './session-revocations';
import { Session } from './session.entity';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

export type RevokeReason = 'logout' | 'reuse' | 'password_reset' | 'password_change' | 'banned' | 'account_deleted';

export interface StartedSession extends TokenPair {
  sessionId: string;
}

/** 256 random bits, URL-safe. */
function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token is high-entropy, so a plain sha256 is a safe one-way store (no salt or slow hash needed). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/**
 * Sessions and their rotating refresh tokens. Each refresh token works once; presenting a spent one
 * means it was copied, so the whole session (the token family) is revoked and every access token
 * issued for it stops working.
 */
@Injectable()
export class SessionsService {
  private readonly log = new Logger('Sessions');

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    private readonly users: UsersRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {}

  private expiry(): Date {
    return new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000);
  }

  /** A new session for a user who just proved who they are. */
  async start(user: Pick<User, 'id' | 'role'>): Promise<StartedSession> {
    const session = await this.sessions.save(
      this.sessions.create({ userId: user.id, expiresAt: this.expiry(), lastUsedAt: new Date(), revokedAt: null }),
    );
    const refreshToken = await this.issueRefreshToken(session.id);
    return { sessionId: session.id, accessToken: this.accessTokens.sign(user, session.id), refreshToken };
  }

  /** Spends a refresh token and hands out the next pair; any problem is a 401. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const token = await this.findToken(refreshToken);
    if (!token) throw new UnauthorizedException('Invalid refresh token');
    const session = await this.sessions.findOne({ where: { id: token.sessionId } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedException('The session has ended; sign in again');
    }
    if (token.spentAt) return this.reused(session);
    // Spend it atomically: of two concurrent presentations only one wins; the other is a reuse.
    const spent = await this.tokens.update({ id: token.id, spentAt: IsNull() }, { spentAt: new Date() });
    if (!spent.affected) return this.reused(session);

    const user = await this.users.authState(session.userId);
    if (!user || user.banned || !user.confirmed) {
      await this.revoke(session.id, 'banned');
      throw new UnauthorizedException('The session has ended; sign in again');
    }
    await this.sessions.update({ id: session.id }, { expiresAt: this.expiry(), lastUsedAt: new Date() });
    const next = await this.issueRefreshToken(session.id);
    return { accessToken: this.accessTokens.sign(user, session.id), refreshToken: next };
  }

  /** Logout: the session of that refresh token ends (unknown tokens are ignored: logging out is idempotent). */
  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const token = await this.findToken(refreshToken);
    if (token) await this.revoke(token.sessionId, 'logout');
  }

  /** Ends one session; its live connections (chat sockets) are told to end too. */
  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    const result = await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    if (result.affected) this.revocations.revoked([sessionId]);
  }

  /** Every live session of the user ends (password reset, ban), optionally keeping the caller's own. */
  async revokeAllForUser(userId: string, reason: RevokeReason, exceptSessionId?: string): Promise<void> {
    const live = await this.sessions.find({
      where: { userId, revokedAt: IsNull(), ...(exceptSessionId ? { id: Not(exceptSessionId) } : {}) },
      select: { id: true },
    });
    const ids = live.map((s) => s.id);
    if (ids.length === 0) return;
    await this.sessions.update({ id: In(ids), revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    this.revocations.revoked(ids);
  }

  private async reused(session: Session): Promise<never> {
    await this.revoke(session.id, 'reuse');
    this.log.warn(`Refresh token reuse in session ${session.id}: session revoked`);
    throw new UnauthorizedException('This refresh token was already used; the session has been revoked');
  }

  private async findToken(refreshToken: string): Promise<RefreshToken | null> {
    if (typeof refreshToken !== 'string' || !TOKEN_SHAPE.test(refreshToken)) return null;
    return this.tokens.findOne({ where: { tokenHash: hashRefreshToken(refreshToken) } });
  }

  private async issueRefreshToken(sessionId: string): Promise<string> {
    const token = newRefreshToken();
    await this.tokens.insert({ sessionId, tokenHash: hashRefreshToken(token), spentAt: null });
    return token;
  }
}
