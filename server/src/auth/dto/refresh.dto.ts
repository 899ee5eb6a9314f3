import type { RefreshRequest } from '@world-it/contracts';
import { RefreshTokenField } from './fields';

/** Refresh and logout. */
export class RefreshDto implements RefreshRequest {
  @RefreshTokenField()
  refreshToken: string;
}
