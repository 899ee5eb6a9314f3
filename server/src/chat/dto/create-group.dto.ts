import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROOM_NAME_MAX, type CreateGroupRequest, type RoomVisibility } from '@world-it/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { IsId } from '../../common/validation/is-id.decorator';

export const GROUP_INITIAL_MEMBERS_MAX = 100;

export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({ minLength: 1, maxLength: ROOM_NAME_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, ROOM_NAME_MAX)
  name: string;

  @ApiProperty({ enum: ['public', 'private'] })
  @IsIn(['public', 'private'])
  visibility: RoomVisibility;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: GROUP_INITIAL_MEMBERS_MAX })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(GROUP_INITIAL_MEMBERS_MAX)
  @IsId({ each: true })
  memberIds?: string[];
}
