import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: the database, and Redis when configured (503 when down)' })
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.db.pingCheck('database', { timeout: 2000 })];
    if (this.config.redisUrl) checks.push(() => this.redis.ping('redis'));
    return this.health.check(checks);
  }
}
