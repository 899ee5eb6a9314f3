import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UsersRepository } from '../../users/users.repository';

/** Where the board lives; the hand-over cookie is scoped to it. */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'wit_queue_board';
/** How long a hand-over lasts: the admin opens the board from the app again after that. */
export const QUEUE_DASHBOARD_TTL_SECONDS = 10 * 60;
/** How long "still an admin, not banned" is believed before the database is asked again. */
const ADMIN_CHECK_CACHE_MS = 2000;

interface CookiePayload {
  /** The admin's user id. */
  u: string;
  /** Expiry, epoch seconds. */
  e: number;
}

/**
 * The queue dashboard's browser hand-over. The API signs in with bearer tokens, which a browser tab
 * opened on the board cannot send; so an admin's bearer request gets a short-lived cookie, HMAC-signed
 * with a key derived from JWT_ACCESS_SECRET, that names the admin and its expiry. Every board request
 * checks the signature, the expiry and, from the database (cached for two seconds at most), that the
 * user is still a confirmed, unbanned admin: a revoked role or a ban ends the board within that time.
 */
@Injectable()
export class QueueDashboardSessions {
  private readonly key: Buffer;
  private readonly admins = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    this.key = createHmac('sha256', config.jwt.accessSecret).update('queue-dashboard-cookie').digest();
  }

  /** The `Set-Cookie` value for this admin. */
  issue(userId: string, now = Date.now()): string {
    const payload: CookiePayload = { u: userId, e: Math.floor(now / 1000) + QUEUE_DASHBOARD_TTL_SECONDS };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const attributes = [
      `${QUEUE_DASHBOARD_COOKIE}=${body}.${this.sign(body)}`,
      `Path=${QUEUE_DASHBOARD_PATH}`,
      `Max-Age=${QUEUE_DASHBOARD_TTL_SECONDS}`,
      'HttpOnly',
      'SameSite=Strict',
    ];
    if (this.config.isProduction) attributes.push('Secure');
    return attributes.join('; ');
  }

  /** The admin's id when the request's cookie is genuine, unexpired and its user still an admin; else null. */
  async admit(cookieHeader: string | undefined, now = Date.now()): Promise<string | null> {
    const userId = this.verify(readCookie(cookieHeader, QUEUE_DASHBOARD_COOKIE), now);
    if (!userId) return null;
    return (await this.isAdmin(userId, now)) ? userId : null;
  }

  /** Signature and expiry only. */
  verify(value: string | undefined, now = Date.now()): string | null {
    if (!value) return null;
    const [body, signature, ...rest] = value.split('.');
    if (!body || !signature || rest.length) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: Partial<CookiePayload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CookiePayload>;
    } catch {
      return null;
    }
    if (typeof payload.u !== 'string' || typeof payload.e !== 'number') return null;
    return payload.e * 1000 > now ? payload.u : null;
  }

  private async isAdmin(userId: string, now: number): Promise<boolean> {
    const cached = this.admins.get(userId);
    if (cached && cached.until > now) return cached.admin;
    const user = await this.users.findActive(userId);
    const admin = user?.role === 'admin';
    if (this.admins.size > 1000) this.admins.clear();
    this.admins.set(userId, { admin, until: now + ADMIN_CHECK_CACHE_MS });
    return admin;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** One cookie's value from a `Cookie` header (no cookie parser is installed for this one cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
