import { applyDecorators, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { RetryLaterException } from '../filters/http-exception.filter';
import type { RateBucket } from './rate-limits';
import { UserRateLimiter } from './user-rate-limiter.service';

const RATE_BUCKET = 'rateBucket';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Which per-user bucket a write route spends from (default `writes`). */
export function RateLimit(bucket: RateBucket): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(RATE_BUCKET, bucket),
    ApiTooManyRequestsResponse({ description: tooManyDescription(bucket) }),
  );
}
/** A write route that spends from no bucket (use sparingly: e.g. logout-like routes that must always work). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(RATE_BUCKET, false);

function tooManyDescription(bucket: RateBucket): string {
  return `Per-user rate limit, bucket \`${bucket}\` (README "Rate limits"): \`Retry-After\` in seconds, \`code: rate_limited\``;
}

/**
 * Documents the 429 on every authenticated write the guard limits without a `@RateLimit` of its own
 * (the `writes` bucket). Routes that already document a 429 (their bucket, or the auth throttle) keep theirs.
 */
export function documentRateLimits(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op?.security?.length || op.responses['429']) continue;
      op.responses['429'] = { description: tooManyDescription('writes') };
    }
  }
  return doc;
}

/** The 429 every limited route and the gateway share: `code: rate_limited` and when to come back. */
export function rateLimitedMessage(retryAfterMs: number): string {
  return `Too many requests: try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
}

/**
 * Per-user limit on every authenticated write: part of `@Authenticated()`, after the token guard (so
 * it knows the user) and before pipes and interceptors (so a refused upload is never parsed or
 * encoded). Reads pass untouched. Refusal: 429, `Retry-After` in seconds, `code: rate_limited`.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: UserRateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (READS.has(req.method) || !req.user) return true;
    const bucket = this.reflector.getAllAndOverride<RateBucket | false | undefined>(RATE_BUCKET, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (bucket === false) return true;
    const waitMs = await this.limiter.take(bucket ?? 'writes', req.user.id);
    if (waitMs > 0) {
      throw new RetryLaterException(
        { message: rateLimitedMessage(waitMs), code: 'rate_limited' },
        Math.ceil(waitMs / 1000),
      );
    }
    return true;
  }
}
