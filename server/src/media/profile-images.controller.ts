import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Image, Page } from '@world-it/contracts';
import { Authenticated } from '../auth/roles.guard';
import { PageQueryDto } from '../common/pagination/cursor';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { MediaService } from './media.service';

/** A person's photos ("My photos" on one's own profile): every live upload, newest first. */
@ApiTags('photos')
@Authenticated()
@Controller('profiles')
export class ProfileImagesController {
  constructor(private readonly media: MediaService) {}

  @Get(':id/images')
  @ApiOperation({ summary: "A person's uploaded pictures, newest first (deleted ones are gone)" })
  @ApiOkResponse({ description: 'Page of Image' })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  list(@Param('id', uuidParam) id: string, @Query() q: PageQueryDto): Promise<Page<Image>> {
    return this.media.gallery(id, q);
  }
}
