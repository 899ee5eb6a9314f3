import { ApiProperty } from '@nestjs/swagger';
import type {
  AuthResponse,
  FriendshipStatus,
  Language,
  Me,
  RegisterResponse,
  Role,
  TokenPair,
} from '@world-it/contracts';

/** Swagger shapes of the answers (the contract interfaces are the source of truth). */
export class RegisterResponseDto implements RegisterResponse {
  @ApiProperty() email: string;
  @ApiProperty({ description: 'When the mailed code expires (ISO-8601)' }) expiresAt: string;
}

export class TokenPairDto implements TokenPair {
  @ApiProperty({ description: 'Bearer token, ~15 minutes' }) accessToken: string;
  @ApiProperty({ description: 'Works once; exchange at /api/auth/refresh' }) refreshToken: string;
}

export class MeDto implements Me {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
  @ApiProperty() online: boolean;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() about: string;
  @ApiProperty({ type: String, nullable: true, example: '1990-12-10' }) dateOfBirth: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastSeenAt: string | null;
  @ApiProperty() friendsCount: number;
  @ApiProperty({ enum: ['none', 'friends', 'outgoing', 'incoming', 'self'] }) friendship: FriendshipStatus;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role: Role;
  @ApiProperty({ enum: ['en', 'uk'] }) language: Language;
  @ApiProperty() emailDigest: boolean;
}

export class AuthResponseDto extends TokenPairDto implements AuthResponse {
  @ApiProperty({ type: MeDto }) user: MeDto;
}
