import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALBUM_NAME_MAX, ALBUM_THEME_MAX, ALBUM_YEAR_MIN, type SaveAlbumRequest } from '@world-it/contracts';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** At most next year, by the clock at validation time (a fixed bound would go stale at New Year). */
function NotAfterNextYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notAfterNextYear',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value <= new Date().getUTCFullYear() + 1,
        defaultMessage: () => `year must not be after ${new Date().getUTCFullYear() + 1}`,
      },
    },
    options,
  );
}

const YEAR_DOC = {
  type: 'integer',
  nullable: true,
  minimum: ALBUM_YEAR_MIN,
  description: `${ALBUM_YEAR_MIN} up to next year; null clears it`,
  example: 2024,
} as const;

/** POST /api/albums */
export class CreateAlbumDto implements SaveAlbumRequest {
  @ApiProperty({ minLength: 1, maxLength: ALBUM_NAME_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, ALBUM_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ maxLength: ALBUM_THEME_MAX, default: '' })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @MaxLength(ALBUM_THEME_MAX)
  theme?: string;

  @ApiPropertyOptional(YEAR_DOC)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(ALBUM_YEAR_MIN)
  @NotAfterNextYear()
  year?: number | null;
}

/** PATCH /api/albums/:id — any of the fields (name and theme may not be null; `year: null` clears it). */
export class UpdateAlbumDto implements SaveAlbumRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: ALBUM_NAME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, ALBUM_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: ALBUM_THEME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @MaxLength(ALBUM_THEME_MAX)
  theme?: string;

  @ApiPropertyOptional(YEAR_DOC)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(ALBUM_YEAR_MIN)
  @NotAfterNextYear()
  year?: number | null;
}
