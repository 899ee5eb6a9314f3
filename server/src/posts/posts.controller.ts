import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Comment, LikeState, Page, Post as PostShape, TagCount } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.guard';
import { PageQueryDto } from '../common/pagination/cursor';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreateCommentDto } from './dto/create-comment.dto';
import { ListPostsQuery, TagsQuery } from './dto/list-posts.query';
import { CreatePostDto, UpdatePostDto } from './dto/save-post.dto';
import { PostsService } from './posts.service';

const HIDDEN = 'No such post, or not yours to see (a friends-only post of someone not your friend, or across a block)';

/** Posts, likes, comments and tags. Every route needs a signed-in user. */
@ApiTags('posts')
@Authenticated()
@Controller()
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get('posts')
  @ApiOperation({
    summary: "A page of posts, newest first: feed = mine and my friends'; all = every post I may see",
    description:
      'friends-only posts reach the author and their friends only; nobody sees posts across a block. ' +
      'Keyset pages: new posts never shift a page already read. tag and authorId narrow either scope.',
  })
  @ApiOkResponse({ description: 'Page of Post' })
  @ApiBadRequestResponse({ description: 'scope feed|all, limit 1..100, cursor from a previous page, authorId a UUID' })
  list(@CurrentUser() me: AuthUser, @Query() q: ListPostsQuery): Promise<Page<PostShape>> {
    return this.posts.list(me.id, q);
  }

  @Post('posts')
  @RateLimit('posts')
  @ApiOperation({ summary: 'Write a post (my friends get post:new live)' })
  @ApiCreatedResponse({ description: 'Post' })
  @ApiBadRequestResponse({
    description:
      'title 1..255, content ≤ 10000, ≤ 10 tags (letters, digits, - or _, ≤ 50), ≤ 10 http(s) links, ≤ 10 of my own images, visibility public|friends',
  })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreatePostDto): Promise<PostShape> {
    return this.posts.create(me.id, dto);
  }

  @Get('posts/:id')
  @ApiOperation({ summary: 'One post' })
  @ApiOkResponse({ description: 'Post' })
  @ApiNotFoundResponse({ description: HIDDEN })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<PostShape> {
    return this.posts.get(me.id, id);
  }

  @Patch('posts/:id')
  @RateLimit('posts')
  @ApiOperation({ summary: 'Edit my post: any of the fields; a list given replaces the old one' })
  @ApiOkResponse({ description: 'Post' })
  @ApiBadRequestResponse({ description: 'As for creating; null is never accepted' })
  @ApiForbiddenResponse({ description: 'Not my post' })
  @ApiNotFoundResponse({ description: HIDDEN })
  update(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostShape> {
    return this.posts.update(me.id, id, dto);
  }

  @Delete('posts/:id')
  @RateLimit('posts')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a post: its author, or an admin' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Neither the author nor an admin' })
  @ApiNotFoundResponse({ description: HIDDEN })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.posts.remove(me, id);
  }

  @Post('posts/:id/like')
  @RateLimit('likes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Like a post (idempotent; the first like notifies the author)' })
  @ApiOkResponse({ description: 'LikeState { likesCount, likedByMe: true }' })
  @ApiNotFoundResponse({ description: HIDDEN })
  like(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<LikeState> {
    return this.posts.setLike(me.id, id, true);
  }

  @Delete('posts/:id/like')
  @RateLimit('likes')
  @ApiOperation({ summary: 'Take my like back (idempotent)' })
  @ApiOkResponse({ description: 'LikeState { likesCount, likedByMe: false }' })
  @ApiNotFoundResponse({ description: HIDDEN })
  unlike(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<LikeState> {
    return this.posts.setLike(me.id, id, false);
  }

  @Get('posts/:id/comments')
  @ApiOperation({ summary: "A post's comments, oldest first" })
  @ApiOkResponse({ description: 'Page of Comment' })
  @ApiNotFoundResponse({ description: HIDDEN })
  comments(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<Comment>> {
    return this.posts.listComments(me.id, id, q);
  }

  @Post('posts/:id/comments')
  @RateLimit('posts')
  @ApiOperation({ summary: 'Comment on a post (notifies its author)' })
  @ApiCreatedResponse({ description: 'Comment' })
  @ApiBadRequestResponse({ description: 'content 1..2000 after trimming' })
  @ApiNotFoundResponse({ description: HIDDEN })
  addComment(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: CreateCommentDto,
  ): Promise<Comment> {
    return this.posts.addComment(me.id, id, dto);
  }

  @Delete('posts/:id/comments/:commentId')
  @RateLimit('posts')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete a comment: its author, the post's author, or an admin" })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'None of those' })
  @ApiNotFoundResponse({ description: 'No such post or comment, or not yours to see' })
  async removeComment(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('commentId', uuidParam) commentId: string,
  ): Promise<void> {
    await this.posts.removeComment(me, id, commentId);
  }

  @Get('tags')
  @ApiOperation({ summary: 'Tag autocomplete: up to 10 tags of public posts starting with prefix, most used first' })
  @ApiOkResponse({ description: 'TagCount[]' })
  tags(@Query() q: TagsQuery): Promise<TagCount[]> {
    return this.posts.tags(q.prefix);
  }
}
