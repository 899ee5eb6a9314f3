import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsString, Length, MaxLength, Matches, ValidateIf } from 'class-validator';
import { DISPLAY_NAME_MAX, LANGUAGES, type Language } from '@world-it/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Present (null included, so that null is refused rather than written); absent fields are left as they are. */
const present = ValidateIf((_: object, v: unknown) => v !== undefined);

/** PATCH /api/profiles/me — any of the fields; `dateOfBirth: null` clears it (no other field may be null). */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: DISPLAY_NAME_MAX })
  @present
  @Transform(trim)
  @IsString()
  @Length(1, DISPLAY_NAME_MAX)
  displayName?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @present
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @present
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @present
  @IsString()
  @MaxLength(500)
  about?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1990-04-21', description: 'YYYY-MM-DD, in the past' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'Language of the interface and of emails' })
  @present
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ description: 'Email me a digest of direct messages still unread after a while' })
  @present
  @IsBoolean()
  emailDigest?: boolean;
}
