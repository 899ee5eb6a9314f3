import { ApiProperty } from '@nestjs/swagger';
import type { CreateDirectRoomRequest } from '@world-it/contracts';
import { IsUUID } from 'class-validator';

export class CreateDirectRoomDto implements CreateDirectRoomRequest {
  @ApiProperty({ format: 'uuid', description: 'The other user' })
  @IsUUID()
  userId: string;
}
