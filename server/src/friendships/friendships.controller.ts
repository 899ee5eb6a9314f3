import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { BecameFriendsResponse, FriendRequest, Page, UserSummary } from '@world-it/contracts';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { PageQueryDto } from '../common/pagination/cursor';
import {
  BecameFriendsResponseDto,
  FriendRequestDto,
  FriendRequestPageDto,
  UserSummaryDto,
  UserSummaryPageDto,
} from './dto/friendship-responses.dto';
import { ListFriendRequestsQuery } from './dto/list-friend-requests.query';
import { SendFriendRequestDto } from './dto/send-friend-request.dto';
import { FriendshipsService } from './friendships.service';

/**
 * Friend requests, friends, suggestions and blocks. The per-person routes live on the profiles path
 * (`/api/profiles/:id/friends`, `/api/profiles/:id/block`, `/api/profiles/me/blocked`) as the
 * contract names them; they are served here so the rules stay in one feature.
 */
@ApiTags('friendships')
@ApiExtraModels(FriendRequestDto, BecameFriendsResponseDto)
@Authenticated()
@Controller()
export class FriendshipsController {
  constructor(private readonly friendships: FriendshipsService) {}

  @Post('friendships/requests')
  @ApiOperation({
    summary: 'Ask someone to be friends',
    description:
      '201 with the new request. If that user had already asked me, we become friends at once: 200 `{ status: "friends" }` ' +
      '(also when both send at the same moment: exactly one friendship results). Asking again while my request is ' +
      'pending is idempotent: 200 with the same request. To myself or a friend → 409; unknown user → 404; ' +
      'a block either way → 403 with code "blocked".',
  })
  @ApiCreatedResponse({ type: FriendRequestDto, description: 'New request' })
  @ApiOkResponse({
    description: 'We are friends now (they had asked me), or my pending request as it was',
    schema: { oneOf: [{ $ref: getSchemaPath(BecameFriendsResponseDto) }, { $ref: getSchemaPath(FriendRequestDto) }] },
  })
  @ApiConflictResponse({ description: 'To myself, or already friends' })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  @ApiForbiddenResponse({ description: 'A block either way (code "blocked")' })
  async send(
    @CurrentUser() me: AuthUser,
    @Body() dto: SendFriendRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FriendRequest | BecameFriendsResponse> {
    const outcome = await this.friendships.sendRequest(me.id, dto.userId);
    switch (outcome.kind) {
      case 'requested':
        res.status(201);
        return outcome.request;
      case 'already_requested':
        res.status(200);
        return outcome.request;
      case 'friends':
        res.status(200);
        return outcome.body;
    }
  }

  @Get('friendships/requests')
  @ApiOperation({ summary: 'Pending requests sent to me (incoming, the default) or by me (outgoing), newest first' })
  @ApiOkResponse({ type: FriendRequestPageDto })
  requests(@CurrentUser() me: AuthUser, @Query() q: ListFriendRequestsQuery): Promise<Page<FriendRequest>> {
    return this.friendships.requests(me.id, q.direction ?? 'incoming', q);
  }

  @Post('friendships/requests/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a request sent to me: we are friends' })
  @ApiOkResponse({ type: BecameFriendsResponseDto })
  @ApiForbiddenResponse({ description: 'I sent this request (only its recipient answers it)' })
  @ApiNotFoundResponse({ description: 'No such pending request to or from me' })
  accept(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<BecameFriendsResponse> {
    return this.friendships.accept(me.id, id);
  }

  @Post('friendships/requests/:id/decline')
  @HttpCode(204)
  @ApiOperation({ summary: 'Decline a request sent to me (the sender may ask again later)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'I sent this request (only its recipient answers it)' })
  @ApiNotFoundResponse({ description: 'No such pending request to or from me' })
  decline(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    return this.friendships.decline(me.id, id);
  }

  @Delete('friendships/requests/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a request I sent' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'It was sent to me (I decline it instead)' })
  @ApiNotFoundResponse({ description: 'No such pending request to or from me' })
  cancel(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    return this.friendships.cancel(me.id, id);
  }

  @Get('friendships')
  @ApiOperation({ summary: 'My friends, newest friendship first' })
  @ApiOkResponse({ type: UserSummaryPageDto })
  myFriends(@CurrentUser() me: AuthUser, @Query() q: PageQueryDto): Promise<Page<UserSummary>> {
    return this.friendships.myFriends(me.id, q);
  }

  @Get('friendships/suggestions')
  @ApiOperation({
    summary: 'People I may know',
    description:
      'Up to 10, ranked by mutual friends (then newest), topped up with the newest people; never me, my friends, ' +
      'anyone with a pending request either way, or anyone in a block with me.',
  })
  @ApiOkResponse({ type: [UserSummaryDto] })
  suggestions(@CurrentUser() me: AuthUser): Promise<UserSummary[]> {
    return this.friendships.suggestions(me.id);
  }

  @Delete('friendships/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unfriend' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'We are not friends' })
  unfriend(@CurrentUser() me: AuthUser, @Param('userId', uuidParam) userId: string): Promise<void> {
    return this.friendships.unfriend(me.id, userId);
  }

  @Get('profiles/me/blocked')
  @ApiTags('profiles')
  @ApiOperation({ summary: 'People I block, most recently blocked first' })
  @ApiOkResponse({ type: UserSummaryPageDto })
  blocked(@CurrentUser() me: AuthUser, @Query() q: PageQueryDto): Promise<Page<UserSummary>> {
    return this.friendships.blocked(me.id, q);
  }

  @Get('profiles/:id/friends')
  @ApiTags('profiles')
  @ApiOperation({
    summary: "Someone's friends, newest friendship first",
    description: 'People in a block with me are left out.',
  })
  @ApiOkResponse({ type: UserSummaryPageDto })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  friendsOf(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<UserSummary>> {
    return this.friendships.friendsOf(me.id, id, q);
  }

  @Post('profiles/:id/block')
  @HttpCode(204)
  @ApiTags('profiles')
  @ApiOperation({
    summary: 'Block someone',
    description:
      'Idempotent. Ends any friendship and pending request between us; while blocked (either way) neither can send ' +
      'the other a friend request or a direct message (403, code "blocked"), each is hidden from the other\'s ' +
      'people search and suggestions, and neither sees the other online.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Myself' })
  @ApiNotFoundResponse({ description: 'No such (confirmed, unbanned) user' })
  block(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    return this.friendships.block(me.id, id);
  }

  @Delete('profiles/:id/block')
  @HttpCode(204)
  @ApiTags('profiles')
  @ApiOperation({ summary: 'Unblock someone (idempotent)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Myself' })
  @ApiNotFoundResponse({ description: 'No such user' })
  unblock(@CurrentUser() me: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    return this.friendships.unblock(me.id, id);
  }
}
