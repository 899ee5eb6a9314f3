import { ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_MAX, type SendMessageRequest } from '@world-it/contracts';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { IsId } from '../../common/validation/is-id.decorator';

export const CLIENT_ID_MAX = 64;
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

export class SendMessageDto implements SendMessageRequest {
  @ApiPropertyOptional({ maxLength: MESSAGE_MAX, description: 'Text; content or imageId is required' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(MESSAGE_MAX)
  content?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of my uploads' })
  @IsOptionalNonNull()
  @IsId()
  imageId?: string;

  @ApiPropertyOptional({
    maxLength: CLIENT_ID_MAX,
    description: 'Idempotency key: resending with it returns the stored message',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(CLIENT_ID_MAX)
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId may only contain letters, digits, "_", ".", ":" and "-"' })
  clientId?: string;
}
