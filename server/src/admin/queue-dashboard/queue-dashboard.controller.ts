import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { Authenticated } from '../../auth/roles.guard';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { QUEUE_DASHBOARD_TTL_SECONDS, QueueDashboardSessions } from './queue-dashboard-sessions';

/** The bearer-to-browser hand-over of the queue dashboard (the board itself is not a Nest route). */
@ApiTags('admin')
@Authenticated('admin')
@Controller('admin/queues')
export class QueueDashboardController {
  constructor(private readonly sessions: QueueDashboardSessions) {}

  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Open the queue dashboard in this browser: sets its short-lived cookie',
    description:
      `Sets an HttpOnly, SameSite=Strict cookie (Secure in production) valid for ${QUEUE_DASHBOARD_TTL_SECONDS / 60} ` +
      'minutes on the path /api/admin/queues; then open /api/admin/queues (Bull Board: job counts, retry and ' +
      'clean of failed jobs). Every board request checks that the user is still an unbanned admin. Without Redis ' +
      '(embedded mode) the board answers 503.',
  })
  @ApiNoContentResponse({ description: 'The cookie is set' })
  openSession(@CurrentUser() me: AuthUser, @Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', this.sessions.issue(me.id));
    res.setHeader('Cache-Control', 'no-store');
  }
}
