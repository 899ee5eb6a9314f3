import { ApiProperty } from '@nestjs/swagger';
import type { CreateDirectRoomRequest } from '@world-it/contracts';
import { IsId } from '../../common/validation/is-id.decorator';

export class CreateDirectRoomDto implements CreateDirectRoomRequest {
  @ApiProperty({ format: 'uuid', description: 'The other user' })
  @IsId()
  userId: string;
}
