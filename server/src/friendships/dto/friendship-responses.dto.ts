import { ApiProperty } from '@nestjs/swagger';
import type { BecameFriendsResponse, FriendRequest, Page, UserSummary } from '@world-it/contracts';

/** Swagger shapes of the answers (the contract interfaces are the source of truth). */
export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
  @ApiProperty({ description: 'At least one connected socket (false for people in a block with me)' })
  online: boolean;
}

export class FriendRequestDto implements FriendRequest {
  @ApiProperty({ format: 'uuid', description: 'The request id (accept, decline, cancel)' }) id: string;
  @ApiProperty({ type: UserSummaryDto }) from: UserSummaryDto;
  @ApiProperty({ type: UserSummaryDto }) to: UserSummaryDto;
  @ApiProperty({ description: 'When it was sent (ISO-8601)' }) createdAt: string;
}

export class BecameFriendsResponseDto implements BecameFriendsResponse {
  @ApiProperty({ enum: ['friends'] }) status: 'friends';
}

export class UserSummaryPageDto implements Page<UserSummary> {
  @ApiProperty({ type: [UserSummaryDto] }) items: UserSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class FriendRequestPageDto implements Page<FriendRequest> {
  @ApiProperty({ type: [FriendRequestDto] }) items: FriendRequestDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
