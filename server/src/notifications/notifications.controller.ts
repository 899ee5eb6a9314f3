import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Notification, Page, UnreadCount } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { PageQueryDto, pageLimit } from '../common/pagination/cursor';
import { MarkNotificationsReadDto } from './dto/mark-notifications-read.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ description: 'Page of Notification' })
  list(@CurrentUser() me: AuthUser, @Query() q: PageQueryDto): Promise<Page<Notification>> {
    return this.notifications.list(me.id, { limit: pageLimit(q), cursor: q.cursor });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ description: '{ count }' })
  async unreadCount(@CurrentUser() me: AuthUser): Promise<UnreadCount> {
    return { count: await this.notifications.unreadCount(me.id) };
  }

  @Post('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark these (or, without ids, all) of my notifications read' })
  @ApiBody({ type: MarkNotificationsReadDto, required: false })
  @ApiNoContentResponse()
  async markRead(@CurrentUser() me: AuthUser, @Body() dto: MarkNotificationsReadDto): Promise<void> {
    await this.notifications.markRead(me.id, dto.ids);
  }
}
