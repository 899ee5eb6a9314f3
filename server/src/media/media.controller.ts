import {
  BadRequestException,
  Controller,
  Delete,
  HttpCode,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UPLOAD_MAX_BYTES, type Image } from '@world-it/contracts';
import { memoryStorage } from 'multer';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.guard';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { MediaService } from './media.service';

@ApiTags('uploads')
@Authenticated()
@Controller('uploads')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @RateLimit('uploads')
  @ApiOperation({
    summary:
      'Upload a picture (JPEG, PNG, WebP or GIF by content, ≤ 10 MB): stored as WebP without metadata, with a thumbnail',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ description: 'Image' })
  @ApiBadRequestResponse({ description: 'No file, not an accepted image type, or absurd dimensions' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 10 MB' })
  @UseInterceptors(
    FileInterceptor('file', {
      storage: memoryStorage(),
      limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 10, parts: 20 },
    }),
  )
  upload(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined): Promise<Image> {
    if (!file?.buffer?.length) throw new BadRequestException(['file must be a multipart file field named "file"']);
    return this.media.upload(user.id, file.buffer);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete one of my pictures: it leaves my photos, every album and my avatar history (if it was my active avatar, the newest remaining one becomes active, or none); messages and posts that used it show a "removed" placeholder',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: "Someone else's picture (seen in their photos)" })
  @ApiNotFoundResponse({ description: 'No such image' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', new UuidParamPipe('4')) id: string): Promise<void> {
    await this.media.delete(user.id, id);
  }
}
