import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Me, Page, Profile } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { ListProfilesQuery } from './dto/list-profiles.query';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('profiles')
@Authenticated()
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiOperation({ summary: 'People: confirmed, unbanned users, newest first; search by name' })
  @ApiOkResponse({ description: 'Page of Profile' })
  list(@CurrentUser() me: AuthUser, @Query() q: ListProfilesQuery): Promise<Page<Profile>> {
    return this.profiles.list(me.id, q);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Edit my profile and settings (language, unread-digest emails)' })
  @ApiOkResponse({ description: 'Me' })
  update(@CurrentUser() me: AuthUser, @Body() dto: UpdateProfileDto): Promise<Me> {
    return this.profiles.update(me.id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One profile' })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<Profile> {
    return this.profiles.get(me.id, id);
  }
}
