import {
  MESSAGE_MAX,
  type DeleteMessagePayload,
  type EditMessagePayload,
  type ReadPayload,
  type RoomRefPayload,
  type SendMessagePayload,
  type TypingPayload,
} from '@world-it/contracts';
import { IsBoolean, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { CLIENT_ID_MAX, CLIENT_ID_PATTERN } from './send-message.dto';
import { IsId } from '../../common/validation/is-id.decorator';

/** Socket payloads, validated by the gateway exactly like HTTP bodies (unknown fields refused). */
export class RoomRefDto implements RoomRefPayload {
  @IsId()
  roomId: string;
}

export class SendMessageEventDto extends RoomRefDto implements SendMessagePayload {
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(MESSAGE_MAX)
  content?: string;

  @IsOptionalNonNull()
  @IsId()
  imageId?: string;

  @IsString()
  @MaxLength(CLIENT_ID_MAX)
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId may only contain letters, digits, "_", ".", ":" and "-"' })
  clientId: string;
}

export class EditMessageEventDto extends RoomRefDto implements EditMessagePayload {
  @IsId()
  messageId: string;

  @IsString()
  @MaxLength(MESSAGE_MAX)
  content: string;
}

export class DeleteMessageEventDto extends RoomRefDto implements DeleteMessagePayload {
  @IsId()
  messageId: string;
}

export class TypingEventDto extends RoomRefDto implements TypingPayload {
  @IsBoolean()
  isTyping: boolean;
}

export class ReadEventDto extends RoomRefDto implements ReadPayload {
  @IsId()
  messageId: string;
}
