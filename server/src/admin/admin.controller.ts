import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AdminStats, AdminUser, Page } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { AdminService } from './admin.service';
import { AdminStatsDto, AdminUserPageDto, QueueCountsDto } from './dto/admin-responses.dto';
import { ListAdminUsersQuery } from './dto/list-admin-users.query';

/** The site admin's routes (role `admin`; everyone else 403). Deleting content goes through the ordinary routes. */
@ApiTags('admin')
@ApiExtraModels(QueueCountsDto)
@Authenticated('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  @ApiOperation({ summary: 'Every account, newest first, with banned and confirmed; search by name or email' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiBadRequestResponse({ description: 'Bad limit, cursor or search' })
  listUsers(@CurrentUser() me: AuthUser, @Query() q: ListAdminUsersQuery): Promise<Page<AdminUser>> {
    return this.admin.listUsers(me, q);
  }

  @Post('users/:id/ban')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ban: sign-in refused (403 "banned"), every session revoked, sockets disconnected' })
  @ApiNoContentResponse({ description: 'Banned (banning again is harmless)' })
  @ApiBadRequestResponse({ description: 'Not a UUID, or my own id (code "cannot_ban_self")' })
  @ApiNotFoundResponse({ description: 'No such user' })
  async ban(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.admin.ban(me, id);
  }

  @Post('users/:id/unban')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban: the user may sign in again' })
  @ApiNoContentResponse({ description: 'Not banned (any more)' })
  @ApiBadRequestResponse({ description: 'Not a UUID' })
  @ApiNotFoundResponse({ description: 'No such user' })
  async unban(@Param('id', uuidParam) id: string): Promise<void> {
    await this.admin.unban(id);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Totals (users, posts, messages, rooms) and the job counts of every queue' })
  @ApiOkResponse({ type: AdminStatsDto })
  getStats(): Promise<AdminStats> {
    return this.admin.getStats();
  }
}
