import type { Profile } from '@world-it/contracts';

/**
 * A profile as GET /api/profiles/:id answers for someone else: the server adds whether I block them
 * and how many friends we share (optional: absent on my own profile).
 */
export type SocialProfile = Profile & { blockedByMe?: boolean; mutualFriendsCount?: number };
