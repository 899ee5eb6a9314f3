import { Global, Module } from '@nestjs/common';
import { UserRateLimitGuard } from './rate-limit.guard';
import { UserRateLimiter } from './user-rate-limiter.service';

/** Global so `@Authenticated()` (which carries the guard) works in every module's controllers. */
@Global()
@Module({ providers: [UserRateLimiter, UserRateLimitGuard], exports: [UserRateLimiter, UserRateLimitGuard] })
export class RateLimitModule {}
