import { ApiPropertyOptional } from '@nestjs/swagger';
import { ROOM_NAME_MAX, type RoomVisibility, type UpdateRoomRequest } from '@world-it/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { trim } from './create-group.dto';
import { IsId } from '../../common/validation/is-id.decorator';

export class UpdateRoomDto implements UpdateRoomRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: ROOM_NAME_MAX })
  @IsOptionalNonNull()
  @Transform(trim)
  @IsString()
  @Length(1, ROOM_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: ['public', 'private'] })
  @IsOptionalNonNull()
  @IsIn(['public', 'private'])
  visibility?: RoomVisibility;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'One of my uploads; null removes the avatar' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsId()
  avatarImageId?: string | null;
}
