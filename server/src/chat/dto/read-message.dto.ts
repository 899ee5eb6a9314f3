import { ApiProperty } from '@nestjs/swagger';
import type { ReadRequest } from '@world-it/contracts';
import { IsUUID } from 'class-validator';

export class ReadMessageDto implements ReadRequest {
  @ApiProperty({ format: 'uuid', description: 'The newest message I have read' })
  @IsUUID()
  messageId: string;
}
