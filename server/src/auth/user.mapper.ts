import type { UserSummary } from '@world-it/contracts';
import { thumbUrl } from '../media/media-urls';
import type { User } from './user.entity';

export function avatarUrlOf(user: Pick<User, 'avatarImageId'>): string | null {
  return user.avatarImageId ? thumbUrl(user.avatarImageId) : null;
}

/** The contract's UserSummary; `online` comes from presence (the chat module), false when unknown. */
export function toUserSummary(user: Pick<User, 'id' | 'displayName' | 'avatarImageId'>, online = false): UserSummary {
  return { id: user.id, displayName: user.displayName, avatarUrl: avatarUrlOf(user), online };
}
