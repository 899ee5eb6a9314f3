import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JOB_QUEUE } from '@world-it/contracts';
import type { Queue } from 'bull';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { ROUTE_LABEL } from '../../metrics/http-metrics';
import { QUEUE_DASHBOARD_PATH, QueueDashboardSessions } from './queue-dashboard-sessions';

/** Every Bull queue of the app (the contract names one: every job rides on JOB_QUEUE). */
const QUEUES = [JOB_QUEUE];

/**
 * Bull Board at /api/admin/queues (pages, its JSON API and static files), behind the hand-over cookie
 * (QueueDashboardSessions): without a valid one, 401 with a note to open it from the app. With Redis
 * every Bull queue is on the board, retry and clean included; without Redis (embedded mode, jobs in
 * process) there is no Bull, and the board answers 503 saying so. `POST …/session` is the Nest route
 * that sets the cookie, passed through untouched.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  const sessions = app.get(QueueDashboardSessions);
  const board = config.redisUrl ? bullBoard(QUEUES.map((name) => app.get<Queue>(getQueueToken(name)))) : null;
  app.use(QUEUE_DASHBOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/session') return next();
    res.locals[ROUTE_LABEL] = `${QUEUE_DASHBOARD_PATH}/*`;
    res.setHeader('Cache-Control', 'no-store');
    sessions.admit(req.headers.cookie).then((admin) => {
      if (!admin) return refuse(req, res, 401, NO_SESSION);
      if (!board) return refuse(req, res, 503, NO_BULL);
      board(req, res, next);
    }, next);
  });
}

function bullBoard(queues: Queue[]): RequestHandler {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullAdapter(q, { readOnlyMode: false, allowRetries: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'World IT queues' } },
  });
  return adapter.getRouter() as RequestHandler;
}

const NO_SESSION =
  'The queue dashboard needs a session: open it from the app (Settings, "Queue dashboard") as an admin. ' +
  'The session lasts 10 minutes and ends when the account is no longer an admin.';
const NO_BULL =
  'The queue dashboard needs Redis: this server runs its jobs in process (no REDIS_URL), so there is no Bull ' +
  'queue to show. The job counts are in GET /api/admin/stats and in the queue_jobs metric.';

/** A short page for a browser tab, the error body for anything else. */
function refuse(req: Request, res: Response, status: 401 | 503, message: string): void {
  res.status(status);
  if (req.accepts(['json', 'html']) === 'html') {
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue dashboard</title></head>` +
          `<body><h1>Queue dashboard</h1><p>${message}</p></body></html>`,
      );
    return;
  }
  res.json({ statusCode: status, message, error: status === 401 ? 'Unauthorized' : 'Service Unavailable' });
}
