import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RedisService } from '../redis/redis.service';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async ping(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    if (!this.redis.client) return check.up({ mode: 'disabled' });
    try {
      const answer = await withTimeout(this.redis.client.ping(), 1000);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${answer}` });
    } catch (err) {
      return check.down({ message: err instanceof Error ? err.message : 'unreachable' });
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
