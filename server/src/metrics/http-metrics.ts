import type { NextFunction, Request, Response } from 'express';
import type { AppMetrics } from './app-metrics';

export const METRICS_PATH = '/api/metrics';

/** Set by a middleware that answers requests no Nest route matches (the queue dashboard) to name its route. */
export const ROUTE_LABEL = 'metricsRoute';

/**
 * The latency histogram's route label: the Nest route pattern (`/api/posts/:id`), never the raw URL,
 * so the label set stays bounded. Requests under /api no route matched are `unmatched`; media and
 * client files (static, no route) are `/media/*` and `client`.
 */
export function routeLabel(req: Request, res: Response): string {
  const named: unknown = res.locals[ROUTE_LABEL];
  if (typeof named === 'string') return named;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  // A wildcard is a middleware's route (the request logger's `/api/{*path}`), not a handler's: no API route has one.
  if (typeof route === 'string' && !route.includes('*')) return route;
  const path = req.originalUrl.split('?')[0];
  if (path === '/api' || path.startsWith('/api/')) return 'unmatched';
  if (path.startsWith('/media/')) return '/media/*';
  return 'client';
}

/** Times every HTTP request but the scrape itself, once it has been answered (or the client went away). */
export function httpMetrics(metrics: AppMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === METRICS_PATH) return next();
    const start = process.hrtime.bigint();
    let done = false;
    const record = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeHttp(req.method, routeLabel(req, res), res.statusCode, seconds);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
