import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import type { RedisService } from '../../redis/redis.service';
import { UserRateLimiter } from './user-rate-limiter.service';

describe('UserRateLimiter without Redis (embedded mode: memory of this process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'world-it-rate-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT_SOCKET_MESSAGES: '2', RATE_LIMIT_UPLOADS: '1' });
  const limiter = new UserRateLimiter(config, { client: null } as unknown as RedisService);

  it('counts per user and bucket, and answers the wait once a bucket is spent', async () => {
    expect(await limiter.take('messages', 'u1')).toBe(0);
    expect(await limiter.take('messages', 'u1')).toBe(0);
    const wait = await limiter.take('messages', 'u1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(await limiter.take('messages', 'u2')).toBe(0);
    expect(await limiter.take('uploads', 'u1')).toBe(0);
    const uploadWait = await limiter.take('uploads', 'u1');
    expect(uploadWait).toBeGreaterThan(10_000);
    expect(uploadWait).toBeLessThanOrEqual(60_000);
  });

  it('reads its budgets from the config', () => {
    expect(limiter.limitOf('messages')).toEqual({ limit: 2, windowMs: 10_000 });
    expect(limiter.limitOf('events')).toEqual({ limit: 20, windowMs: 10_000 });
    expect(limiter.limitOf('writes')).toEqual({ limit: 120, windowMs: 60_000 });
  });
});
