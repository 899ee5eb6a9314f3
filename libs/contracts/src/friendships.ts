import type { UserSummary } from './users';

/** A pending friend request (GET /api/friendships/requests?direction=incoming|outgoing). */
export interface FriendRequest {
  id: string;
  from: UserSummary;
  to: UserSummary;
  createdAt: string;
}

export type FriendRequestDirection = 'incoming' | 'outgoing';

/** POST /api/friendships/requests */
export interface SendFriendRequest {
  userId: string;
}

/** POST /api/friendships/requests when that user had already asked me: we are friends at once (200). */
export interface BecameFriendsResponse {
  status: 'friends';
}

export const SUGGESTIONS_MAX = 10;
