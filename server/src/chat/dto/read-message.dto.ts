import { ApiProperty } from '@nestjs/swagger';
import type { ReadRequest } from '@world-it/contracts';
import { IsId } from '../../common/validation/is-id.decorator';

export class ReadMessageDto implements ReadRequest {
  @ApiProperty({ format: 'uuid', description: 'The newest message I have read' })
  @IsId()
  messageId: string;
}
