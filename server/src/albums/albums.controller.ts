import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Album, Image, Page } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { PageQueryDto } from '../common/pagination/cursor';
import { AlbumsService } from './albums.service';
import { AddAlbumImagesDto } from './dto/add-album-images.dto';
import { CreateAlbumDto, UpdateAlbumDto } from './dto/save-album.dto';

/** Photo albums: anyone signed in sees them; the owner changes them (others → 403). */
@ApiTags('albums')
@Authenticated()
@Controller()
export class AlbumsController {
  constructor(private readonly albums: AlbumsService) {}

  @Get('profiles/:id/albums')
  @ApiOperation({
    summary: "A person's albums, newest first; cover = the newest-added picture, imagesCount = live pictures",
  })
  @ApiOkResponse({ description: 'Album[]' })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  listOf(@Param('id', uuidParam) id: string): Promise<Album[]> {
    return this.albums.listOf(id);
  }

  @Post('albums')
  @ApiOperation({ summary: 'Create an album of mine' })
  @ApiCreatedResponse({ description: 'Album (empty: cover null, imagesCount 0)' })
  @ApiBadRequestResponse({ description: 'name 1..100, theme ≤ 100, year an integer from 1900 to next year' })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreateAlbumDto): Promise<Album> {
    return this.albums.create(me.id, dto);
  }

  @Get('albums/:id')
  @ApiOperation({ summary: 'One album' })
  @ApiOkResponse({ description: 'Album' })
  @ApiNotFoundResponse({ description: 'No such album' })
  get(@Param('id', uuidParam) id: string): Promise<Album> {
    return this.albums.get(id);
  }

  @Patch('albums/:id')
  @ApiOperation({ summary: 'Rename an album or change its theme or year (year: null clears it)' })
  @ApiOkResponse({ description: 'Album' })
  @ApiForbiddenResponse({ description: 'Not my album' })
  @ApiNotFoundResponse({ description: 'No such album' })
  update(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string, @Body() dto: UpdateAlbumDto): Promise<Album> {
    return this.albums.update(me.id, id, dto);
  }

  @Delete('albums/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an album of mine (its pictures stay in my photos)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Not my album' })
  @ApiNotFoundResponse({ description: 'No such album' })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.albums.remove(me.id, id);
  }

  @Get('albums/:id/images')
  @ApiOperation({ summary: "An album's pictures, newest-added first" })
  @ApiOkResponse({ description: 'Page of Image' })
  @ApiNotFoundResponse({ description: 'No such album' })
  images(@Param('id', uuidParam) id: string, @Query() q: PageQueryDto): Promise<Page<Image>> {
    return this.albums.images(id, q);
  }

  @Post('albums/:id/images')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add 1..50 of my uploads to my album (one already in it stays as it was); any id that is not an image of mine → 404 naming it, nothing added',
  })
  @ApiOkResponse({ description: 'Album' })
  @ApiForbiddenResponse({ description: 'Not my album' })
  @ApiNotFoundResponse({ description: 'No such album, or an id that is not an image of mine' })
  addImages(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: AddAlbumImagesDto,
  ): Promise<Album> {
    return this.albums.addImages(me.id, id, dto);
  }

  @Delete('albums/:id/images/:imageId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a picture out of my album (it stays in my photos)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Not my album' })
  @ApiNotFoundResponse({ description: 'No such album, or the picture is not in it' })
  async removeImage(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('imageId', uuidParam) imageId: string,
  ): Promise<void> {
    await this.albums.removeImage(me.id, id, imageId);
  }
}
