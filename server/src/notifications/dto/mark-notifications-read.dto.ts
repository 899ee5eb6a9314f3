import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMIT_MAX, type MarkNotificationsReadRequest } from '@world-it/contracts';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { IsId } from '../../common/validation/is-id.decorator';

export class MarkNotificationsReadDto implements MarkNotificationsReadRequest {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: PAGE_LIMIT_MAX,
    description: 'Notifications to mark read (ids that are not mine are ignored); without ids, all of mine',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(PAGE_LIMIT_MAX)
  @IsId({ each: true })
  ids?: string[];
}
