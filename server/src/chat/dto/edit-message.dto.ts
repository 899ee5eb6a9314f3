import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_MAX, type EditMessageRequest } from '@world-it/contracts';
import { IsString, MaxLength } from 'class-validator';

export class EditMessageDto implements EditMessageRequest {
  @ApiProperty({ maxLength: MESSAGE_MAX })
  @IsString()
  @MaxLength(MESSAGE_MAX)
  content: string;
}
