import { ApiPropertyOptional } from '@nestjs/swagger';
import { POST_SCOPES, type PostScope, type PostsQuery } from '@world-it/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';
import { IsId } from '../../common/validation/is-id.decorator';

/** GET /api/posts */
export class ListPostsQuery extends PageQueryDto implements PostsQuery {
  @ApiPropertyOptional({
    enum: POST_SCOPES,
    default: 'feed',
    description: "feed: mine and my friends'; all: every post I may see",
  })
  @IsOptional()
  @IsIn(POST_SCOPES)
  scope?: PostScope;

  @ApiPropertyOptional({ description: 'Only posts with this tag (normalised like tags are: "#Angular" = "angular")' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this person's posts" })
  @IsOptional()
  @IsId()
  authorId?: string;
}

/** GET /api/tags */
export class TagsQuery {
  @ApiPropertyOptional({ description: 'The start of a tag ("#an" = "an"); none → the most used tags' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  prefix?: string;
}
