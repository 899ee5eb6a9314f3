import { ApiProperty } from '@nestjs/swagger';
import type { SetAvatarRequest } from '@world-it/contracts';
import { IsId } from '../../common/validation/is-id.decorator';

/** POST /api/profiles/me/avatar */
export class SetAvatarDto implements SetAvatarRequest {
  @ApiProperty({ format: 'uuid', description: 'One of my uploads (POST /api/uploads)' })
  @IsId()
  imageId: string;
}
