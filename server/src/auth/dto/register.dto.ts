import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { DISPLAY_NAME_MAX, LANGUAGES, type Language, type RegisterRequest } from '@world-it/contracts';
import { EmailField, PasswordField, Trim } from './fields';

export class RegisterDto implements RegisterRequest {
  @EmailField()
  email: string;

  @PasswordField()
  password: string;

  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX, example: 'Ada' })
  @Trim
  @IsString({ message: 'displayName must be a string' })
  @Length(1, DISPLAY_NAME_MAX, { message: `displayName must be 1 to ${DISPLAY_NAME_MAX} characters long` })
  displayName: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'Language of the mail and the interface' })
  @IsOptionalNonNull()
  @IsIn(LANGUAGES as Language[], { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}
