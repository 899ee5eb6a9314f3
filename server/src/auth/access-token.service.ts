import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService, type JwtModuleOptions } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import type { AccessTokenClaims, AuthUser } from './auth-user';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

/**
 * The access tokens' HS256 key as a KeyObject, made once. Given a string, jsonwebtoken first tries to
 * parse it as a PEM key and catches the failure on every sign and verify: a CPU profile of a signed-in
 * request showed that as 15 % of its time.
 */
export function accessTokenKey(config: AppConfig): KeyObject {
  return createSecretKey(Buffer.from(config.jwt.accessSecret, 'utf8'));
}

/** The JwtModule's options: every access token is HS256 under accessTokenKey. */
export function accessTokenJwtOptions(config: AppConfig): JwtModuleOptions {
  return {
    secret: accessTokenKey(config),
    signOptions: { algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issues and verifies access tokens. One verification path for HTTP (passport-jwt strategy) and for
 * sockets (ChatGateway handshake): signature, expiry, then the user must still exist, be confirmed
 * and not banned, and the session must not be revoked or expired.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  sign(user: Pick<User, 'id' | 'role'>, sessionId: string): string {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, role: user.role };
    return this.jwt.sign(claims, { expiresIn: this.config.jwt.accessTtlSeconds });
  }

  /** The caller, or null for any bad, expired or revoked token. Never throws. */
  async verify(token: string | undefined | null): Promise<AuthUser | null> {
    return (await this.verifyWithExpiry(token))?.user ?? null;
  }

  /**
   * The caller and when the token stops being valid (a long-lived connection, the chat socket,
   * checks that on every event), or null like `verify`.
   */
  async verifyWithExpiry(token: string | undefined | null): Promise<{ user: AuthUser; expiresAt: Date } | null> {
    if (!token || typeof token !== 'string') return null;
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token);
    } catch {
      return null;
    }
    if (typeof claims.exp !== 'number') return null;
    const user = await this.checkClaims(claims);
    return user ? { user, expiresAt: new Date(claims.exp * 1000) } : null;
  }

  /**
   * Claims already verified (passport-jwt did the signature): the user must still be allowed in and
   * the session the token was issued for must be live (one query on two primary keys).
   */
  async checkClaims(claims: AccessTokenClaims): Promise<AuthUser | null> {
    if (typeof claims?.sub !== 'string' || typeof claims.sid !== 'string') return null;
    if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return null;
    const user = await this.users.withLiveSession(claims.sub, claims.sid);
    if (!user || user.banned || !user.confirmed) return null;
    return { id: user.id, role: user.role, sessionId: claims.sid };
  }
}
