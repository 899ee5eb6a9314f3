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
