import { ApiProperty } from '@nestjs/swagger';
import type { SendFriendRequest } from '@world-it/contracts';
import { IsId } from '../../common/validation/is-id.decorator';

export class SendFriendRequestDto implements SendFriendRequest {
  @ApiProperty({ format: 'uuid', description: 'Whom to ask' })
  @IsId()
  userId: string;
}
