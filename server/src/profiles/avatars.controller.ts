import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AvatarImage, Me } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { AvatarsService } from './avatars.service';
import { SetAvatarDto } from './dto/set-avatar.dto';
import { ProfilesService } from './profiles.service';

/** My avatar history. The active avatar's thumbnail (≤ 320 px) is the `avatarUrl` of every UserSummary. */
@ApiTags('avatars')
@Authenticated()
@Controller('profiles/me')
export class AvatarsController {
  constructor(
    private readonly avatars: AvatarsService,
    private readonly profiles: ProfilesService,
  ) {}

  @Post('avatar')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Make one of my uploads my active avatar; earlier avatars stay in the history (an image already in it becomes active again, no duplicate)',
  })
  @ApiOkResponse({ description: 'Me, with avatarUrl the thumbnail of that image' })
  @ApiBadRequestResponse({ description: 'imageId missing or not a UUID, or unknown fields' })
  @ApiNotFoundResponse({ description: 'No such image of mine (someone else’s image is "not yours to see")' })
  async set(@CurrentUser() me: AuthUser, @Body() dto: SetAvatarDto): Promise<Me> {
    await this.avatars.set(me.id, dto.imageId);
    return this.profiles.me(me.id);
  }

  @Get('avatars')
  @ApiOperation({ summary: 'My avatar history, newest first (by when each first became my avatar); one is active' })
  @ApiOkResponse({ description: 'AvatarImage[] (Image + active)' })
  list(@CurrentUser() me: AuthUser): Promise<AvatarImage[]> {
    return this.avatars.list(me.id);
  }

  @Put('avatars/:imageId/active')
  @ApiOperation({ summary: 'Make an avatar of my history active again' })
  @ApiOkResponse({ description: 'Me, with that avatar active' })
  @ApiNotFoundResponse({ description: 'Not in my avatar history' })
  async activate(@CurrentUser() me: AuthUser, @Param('imageId', uuidParam) imageId: string): Promise<Me> {
    await this.avatars.activate(me.id, imageId);
    return this.profiles.me(me.id);
  }

  @Delete('avatars/:imageId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Remove an avatar from my history (the picture stays in my photos); if it was active, the newest remaining one becomes active, or none (avatarUrl null)',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Not in my avatar history' })
  async remove(@CurrentUser() me: AuthUser, @Param('imageId', uuidParam) imageId: string): Promise<void> {
    await this.avatars.remove(me.id, imageId);
  }
}
