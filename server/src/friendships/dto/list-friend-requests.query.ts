import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FriendRequestDirection } from '@world-it/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';

export const FRIEND_REQUEST_DIRECTIONS: readonly FriendRequestDirection[] = ['incoming', 'outgoing'];

export class ListFriendRequestsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: FRIEND_REQUEST_DIRECTIONS,
    default: 'incoming',
    description: 'incoming: sent to me; outgoing: sent by me',
  })
  @IsOptional()
  @IsIn(FRIEND_REQUEST_DIRECTIONS)
  direction?: FriendRequestDirection;
}
