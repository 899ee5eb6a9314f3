import { ApiProperty } from '@nestjs/swagger';
import { COMMENT_CONTENT_MAX, type CreateCommentRequest } from '@world-it/contracts';
import { IsString, Length } from 'class-validator';
import { Trim } from './post-fields';

/** POST /api/posts/:id/comments */
export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_CONTENT_MAX, description: 'Plain text; trimmed' })
  @Trim()
  @IsString()
  @Length(1, COMMENT_CONTENT_MAX)
  content: string;
}
