import { ApiProperty } from '@nestjs/swagger';
import { ALBUM_ADD_IMAGES_MAX, type AddAlbumImagesRequest } from '@world-it/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** POST /api/albums/:id/images */
export class AddAlbumImagesDto implements AddAlbumImagesRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: ALBUM_ADD_IMAGES_MAX,
    description: 'My uploads; the first listed is shown first',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALBUM_ADD_IMAGES_MAX)
  @IsUUID('all', { each: true })
  imageIds: string[];
}
