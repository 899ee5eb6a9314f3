import type { UserSummary } from './users';

export type NotificationType = 'friend_request' | 'friend_accepted' | 'post_liked' | 'post_commented' | 'message';

export interface Notification {
  id: string;
  type: NotificationType;
  actor: UserSummary | null;
  subjectId: string | null;
  /**
   * How many different people it stands for: likes and comments on one post group into one unread
   * notification ("Anna and 3 others liked your post"; `actor` is the latest). 1 for other types.
   */
  actorsCount: number;
  read: boolean;
  createdAt: string;
}

/** GET /api/notifications/unread-count */
export interface UnreadCount {
  count: number;
}

/** POST /api/notifications/read — no ids marks every notification read. */
export interface MarkNotificationsReadRequest {
  ids?: string[];
}
