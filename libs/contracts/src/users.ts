export type Role = 'user' | 'admin';
export type Language = 'en' | 'uk';
export const LANGUAGES: readonly Language[] = ['en', 'uk'];

export type FriendshipStatus = 'none' | 'friends' | 'outgoing' | 'incoming' | 'self';

export interface UserSummary {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  online: boolean;
}

export interface Profile extends UserSummary {
  firstName: string;
  lastName: string;
  about: string;
  dateOfBirth: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  friendsCount: number;
  friendship: FriendshipStatus;
  /** GET /api/profiles/:id of someone else only: whether I block them (the profile offers Unblock). */
  blockedByMe?: boolean;
  /** GET /api/profiles/:id of someone else only: how many friends we share. */
  mutualFriendsCount?: number;
}

export interface Me extends Profile {
  email: string;
  role: Role;
  language: Language;
  /** Email me a digest of direct messages still unread after 10 minutes. */
  emailDigest: boolean;
}

export interface AdminUser extends Me {
  banned: boolean;
  confirmed: boolean;
}

export const NAME_PART_MAX = 50;
export const ABOUT_MAX = 500;

/** PATCH /api/profiles/me — any of the fields; `dateOfBirth: null` clears it. Answers with `Me`. */
export interface UpdateProfileRequest {
  displayName?: string;
  firstName?: string;
  lastName?: string;
  about?: string;
  /** YYYY-MM-DD, in the past. */
  dateOfBirth?: string | null;
  language?: Language;
  emailDigest?: boolean;
}
