import { ApiProperty } from '@nestjs/swagger';
import { ALBUM_ADD_IMAGES_MAX, type AddAlbumImagesRequest } from '@world-it/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';

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
  @IsId({ each: true })
  imageIds: string[];
}
