import { iso, isoOrNull } from '../common/iso-time';
import type { FriendshipStatus, Me, Profile, UserSummary } from '@world-it/contracts';
import { thumbUrl } from '../media/media-urls';
import type { User } from './user.entity';

export function avatarUrlOf(user: Pick<User, 'avatarImageId'>): string | null {
  return user.avatarImageId ? thumbUrl(user.avatarImageId) : null;
}

/** The contract's UserSummary; `online` comes from presence (the chat module), false when unknown. */
export function toUserSummary(user: Pick<User, 'id' | 'displayName' | 'avatarImageId'>, online = false): UserSummary {
  return { id: user.id, displayName: user.displayName, avatarUrl: avatarUrlOf(user), online };
}

/**
 * The contract's Profile. `friendsCount` and `friendship` come from the friendships feature; until it
 * passes them in they are 0 and 'none' (or 'self' for the caller's own profile).
 */
export function toProfile(
  user: User,
  extra: { online?: boolean; friendsCount?: number; friendship?: FriendshipStatus } = {},
): Profile {
  return {
    ...toUserSummary(user, extra.online ?? false),
    firstName: user.firstName,
    lastName: user.lastName,
    about: user.about,
    dateOfBirth: user.dateOfBirth,
    createdAt: iso(user.createdAt),
    lastSeenAt: isoOrNull(user.lastSeenAt),
    friendsCount: extra.friendsCount ?? 0,
    friendship: extra.friendship ?? 'none',
  };
}

/** The caller's own account: Profile + email, role, language and the digest setting; the caller is online. */
export function toMe(user: User, extra: { friendsCount?: number } = {}): Me {
  return {
    ...toProfile(user, { online: true, friendsCount: extra.friendsCount, friendship: 'self' }),
    email: user.email,
    role: user.role,
    language: user.language,
    emailDigest: user.emailDigest,
  };
}
