import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { SlidingWindowLimiter } from '../../chat/rate-limiter';
import { AppConfig } from '../../config/app-config';
import { RedisService } from '../../redis/redis.service';
import { bucketLimits, type BucketLimit, type RateBucket } from './rate-limits';

/**
 * A sliding window per key in one sorted set: hits older than the window are dropped, a hit is
 * recorded only when there is room (refused hits do not count), and a refusal answers the ms until
 * the oldest hit slides out. Time is Redis' own (TIME), so API processes with skewed clocks agree.
 */
const TAKE_SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local wait = tonumber(oldest[2]) + window - now
  if wait < 1 then wait = 1 end
  return wait
end
redis.call('ZADD', key, now, ARGV[3])
redis.call('PEXPIRE', key, window)
return 0
`;
const TAKE_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

/** The memory fallback forgets idle limiters once it holds this many. */
const MEMORY_SWEEP_AT = 10_000;

/**
 * Per-user rate limits shared by the HTTP guard and the chat gateway. With Redis every API process
 * and every socket of a user spends from the same counters; without Redis (embedded mode, a single
 * process) they live in this process' memory. Should Redis fail, the request is let through (logged):
 * a limit is protection, not a reason to take the API down with Redis.
 */
@Injectable()
export class UserRateLimiter {
  private readonly log = new Logger('RateLimit');
  private readonly limits: Record<RateBucket, BucketLimit>;
  private readonly memory = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {
    this.limits = bucketLimits(config);
  }

  private degraded = false;

  limitOf(bucket: RateBucket): BucketLimit {
    return this.limits[bucket];
  }

  /** Spends one hit of the user's bucket: 0 when allowed, otherwise the ms to wait before the next. */
  async take(bucket: RateBucket, userId: string): Promise<number> {
    const { limit, windowMs } = this.limits[bucket];
    const key = `${this.config.queuePrefix}:rate:${bucket}:${userId}`;
    const client = this.redis.client;
    if (!client) return this.takeInMemory(key, limit, windowMs);
    const args = [limit, windowMs, randomUUID()];
    try {
      let wait: number;
      try {
        wait = Number(await client.evalsha(TAKE_SHA, 1, key, ...args));
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
        wait = Number(await client.eval(TAKE_SCRIPT, 1, key, ...args));
      }
      this.degraded = false;
      return wait;
    } catch (err) {
      // Redis is away: the limit still holds, per process, until it is back (said once per outage).
      if (!this.degraded)
        this.log.warn(
          `Redis unavailable, counting in this process: ${err instanceof Error ? err.message : String(err)}`,
        );
      this.degraded = true;
      return this.takeInMemory(key, limit, windowMs);
    }
  }

  private takeInMemory(key: string, limit: number, windowMs: number): number {
    let limiter = this.memory.get(key);
    if (!limiter) {
      if (this.memory.size >= MEMORY_SWEEP_AT) {
        for (const [k, l] of this.memory) if (l.idle()) this.memory.delete(k);
      }
      limiter = new SlidingWindowLimiter(limit, windowMs);
      this.memory.set(key, limiter);
    }
    return limiter.attempt();
  }
}
