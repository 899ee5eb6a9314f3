import { ApiProperty } from '@nestjs/swagger';
import type { SendFriendRequest } from '@world-it/contracts';
import { IsUUID } from 'class-validator';

export class SendFriendRequestDto implements SendFriendRequest {
  @ApiProperty({ format: 'uuid', description: 'Whom to ask' })
  @IsUUID()
  userId: string;
}
