import { ApiProperty } from '@nestjs/swagger';
import type { AddMemberRequest } from '@world-it/contracts';
import { IsId } from '../../common/validation/is-id.decorator';

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty({ format: 'uuid' })
  @IsId()
  userId: string;
}
