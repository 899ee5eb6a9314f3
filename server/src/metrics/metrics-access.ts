import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';

export type MetricsAccess = 'allow' | 'unauthorized' | 'forbidden';

export interface MetricsRequest {
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The TCP peer's address (never a forwarded one). */
  remoteAddress: string | undefined;
  /** Whether the request came through a proxy (X-Forwarded-For, Forwarded or X-Real-IP present). */
  forwarded: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may scrape `/api/metrics`. With METRICS_TOKEN set: whoever sends `Authorization: Bearer
 * <token>` (compared in constant time), from anywhere. Without it: loopback peers only, and not
 * through a proxy — a proxy on the same host connects from 127.0.0.1 too, so a forwarded request
 * counts as coming from outside, whatever address it names.
 */
export function metricsAccess(token: string | null, req: MetricsRequest): MetricsAccess {
  if (token !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization ?? '');
    return m && sameSecret(m[1], token) ? 'allow' : 'unauthorized';
  }
  const loopback = req.remoteAddress !== undefined && LOOPBACK.has(req.remoteAddress);
  return loopback && !req.forwarded ? 'allow' : 'forbidden';
}

/** Constant-time over equal-length digests, so neither the content nor the length of the token leaks. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const h = req.headers;
    const access = metricsAccess(this.config.metricsToken, {
      authorization: h.authorization,
      remoteAddress: req.socket.remoteAddress,
      forwarded: h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined,
    });
    if (access === 'unauthorized') throw new UnauthorizedException('Send Authorization: Bearer <METRICS_TOKEN>');
    if (access === 'forbidden') {
      throw new ForbiddenException('Metrics answer loopback clients only; set METRICS_TOKEN to scrape from elsewhere');
    }
    return true;
  }
}
