import { createHash } from 'node:crypto';
import { Logger, type ExecutionContext } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  minutes,
  ThrottlerStorageService,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
import type { AppConfig } from '../config/app-config';
import type { RedisService } from '../redis/redis.service';

/** Per email and route: room for the code rules (5 attempts, resends) to answer first. */
export const AUTH_EMAIL_LIMIT = 20;
export const AUTH_EMAIL_WINDOW_MS = minutes(15);

/**
 * The per-email key. Login counts per (IP, email) pair: counted per email alone, 20 wrong passwords
 * from anywhere locked the owner out of their own account (a 429 on the right password too). Per pair
 * an attacker still gets AUTH_EMAIL_LIMIT guesses per 15 minutes per address from each IP (and
 * RATE_LIMIT_AUTH a minute from each IP in all), while the owner's own address keeps working. The
 * code routes (confirm, reset) stay per email: their codes die after 5 wrong tries anyway.
 */
function emailTracker(req: { ip?: string; ips?: string[] }, ctx: ExecutionContext): string {
  const email = bodyEmail(ctx) ?? '';
  if (ctx.getHandler().name !== 'login') return email;
  const ip = req.ips?.length ? req.ips[0] : (req.ip ?? '');
  return `${ip}|${email}`;
}

function bodyEmail(ctx: ExecutionContext): string | null {
  const body = ctx.switchToHttp().getRequest<{ body?: { email?: unknown } }>().body;
  const email = body?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
}

/**
 * Two limits on the auth routes: per client IP (RATE_LIMIT_AUTH a minute, each route) and per email
 * in the body (AUTH_EMAIL_LIMIT per 15 minutes, each route). Counters live in Redis when there is one,
 * so every API process shares them; keys carry the queue prefix so deployments sharing a Redis do not mix.
 * Applied with `@UseGuards(ThrottlerGuard)` on the auth controller only: a global guard breaks gateways.
 */
export function authThrottlerOptions(config: AppConfig, redis: RedisService): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'ip', ttl: minutes(1), limit: config.rateLimitAuth },
      {
        name: 'email',
        ttl: AUTH_EMAIL_WINDOW_MS,
        limit: AUTH_EMAIL_LIMIT,
        skipIf: (ctx) => bodyEmail(ctx) === null,
        getTracker: (req, ctx) => emailTracker(req as { ip?: string; ips?: string[] }, ctx),
      },
    ],
    errorMessage: 'too many requests: wait a little and try again',
    storage: redis.client
      ? new SharedOrLocalThrottlerStorage(new ThrottlerStorageRedisService(redis.client))
      : undefined,
    generateKey: (ctx, tracker, name) =>
      `${config.queuePrefix}:throttle:` +
      createHash('sha256').update(`${ctx.getClass().name}-${ctx.getHandler().name}-${name}-${tracker}`).digest('hex'),
  };
}

/**
 * The counters in Redis, shared by every API process; while Redis is unreachable, this process's own
 * memory, so the auth routes keep answering (and keep limiting, per process) instead of failing.
 */
export class SharedOrLocalThrottlerStorage implements ThrottlerStorage {
  private readonly log = new Logger('AuthThrottler');
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly shared: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      this.degraded = false;
      return record;
    } catch (err) {
      if (!this.degraded) this.log.warn(`Redis unavailable, counting in this process: ${(err as Error).message}`);
      this.degraded = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
