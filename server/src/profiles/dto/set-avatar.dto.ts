import { ApiProperty } from '@nestjs/swagger';
import type { SetAvatarRequest } from '@world-it/contracts';
import { IsUUID } from 'class-validator';

/** POST /api/profiles/me/avatar */
export class SetAvatarDto implements SetAvatarRequest {
  @ApiProperty({ format: 'uuid', description: 'One of my uploads (POST /api/uploads)' })
  @IsUUID()
  imageId: string;
}
