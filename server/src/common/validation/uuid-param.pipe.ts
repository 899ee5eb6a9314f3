import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * A UUID path parameter: 400 naming the parameter when it is not one, and the canonical lower-case
 * form otherwise. PostgreSQL reads `ABC…` and `abc…` as the same uuid, but the code compares ids as
 * strings (is it me? which of a pair sorts first?), so an upper-case id must never get past here.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly version: '4' | 'all' = 'all') {}

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value, this.version)) {
      throw new BadRequestException([`${metadata.data ?? 'id'} must be a UUID`]);
    }
    return value.toLowerCase();
  }
}

/** The shared instance for `@Param('id', uuidParam)`. */
export const uuidParam = new UuidParamPipe();
