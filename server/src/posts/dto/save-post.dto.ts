import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  POST_CONTENT_MAX,
  POST_IMAGES_MAX,
  POST_LINKS_MAX,
  POST_TAGS_MAX,
  POST_TITLE_MAX,
  POST_VISIBILITIES,
  type CreatePostRequest,
  type PostVisibility,
  type UpdatePostRequest,
} from '@world-it/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null.decorator';
import { DedupeStrings, IsHttpUrl, IsTag, NormaliseTags, Trim } from './post-fields';

// The rules of each field, shared by create (title required) and update (every field optional, never null).
const TitleRules = () => applyDecorators(Trim(), IsString(), Length(1, POST_TITLE_MAX));
const TITLE_DOC = { minLength: 1, maxLength: POST_TITLE_MAX, example: 'Our first meetup' };

const ContentField = (doc: { default?: string }) =>
  applyDecorators(
    ApiPropertyOptional({
      maxLength: POST_CONTENT_MAX,
      ...doc,
      description: 'Plain text; line breaks kept, URLs shown as links',
    }),
    IsOptionalNonNull(),
    IsString(),
    MaxLength(POST_CONTENT_MAX),
  );

const TagsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: POST_TAGS_MAX,
      example: ['angular', 'meetup'],
      description: 'Normalised: lower-case, a leading # dropped, inner spaces as "-", duplicates dropped',
    }),
    IsOptionalNonNull(),
    NormaliseTags(),
    IsArray(),
    ArrayMaxSize(POST_TAGS_MAX),
    IsTag({ each: true }),
  );

const LinksField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: POST_LINKS_MAX, example: ['https://angular.dev'] }),
    IsOptionalNonNull(),
    DedupeStrings(),
    IsArray(),
    ArrayMaxSize(POST_LINKS_MAX),
    IsHttpUrl({ each: true }),
  );

const ImageIdsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      maxItems: POST_IMAGES_MAX,
      description: 'My uploads (POST /api/uploads), in the order shown',
    }),
    IsOptionalNonNull(),
    IsArray(),
    ArrayMaxSize(POST_IMAGES_MAX),
    IsId({ each: true }),
    DedupeStrings(),
  );

const VisibilityField = (doc: { default?: PostVisibility }) =>
  applyDecorators(
    ApiPropertyOptional({ enum: POST_VISIBILITIES, ...doc, description: "friends: my friends' eyes only" }),
    IsOptionalNonNull(),
    IsIn(POST_VISIBILITIES),
  );

/** POST /api/posts */
export class CreatePostDto implements CreatePostRequest {
  @ApiProperty(TITLE_DOC)
  @TitleRules()
  title: string;

  @ContentField({ default: '' })
  content: string = '';

  @TagsField()
  tags?: string[];

  @LinksField()
  links?: string[];

  @ImageIdsField()
  imageIds?: string[];

  @VisibilityField({ default: 'public' })
  visibility?: PostVisibility;
}

/** PATCH /api/posts/:id: any of the fields (never null); a list given replaces the old one. */
export class UpdatePostDto implements UpdatePostRequest {
  @ApiPropertyOptional(TITLE_DOC)
  @IsOptionalNonNull()
  @TitleRules()
  title?: string;

  @ContentField({})
  content?: string;

  @TagsField()
  tags?: string[];

  @LinksField()
  links?: string[];

  @ImageIdsField()
  imageIds?: string[];

  @VisibilityField({})
  visibility?: PostVisibility;
}
