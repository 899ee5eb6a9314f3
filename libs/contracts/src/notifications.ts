import type { UserSummary } from './users';

export type NotificationType = 'friend_request' | 'friend_accepted' | 'post_liked' | 'post_commented' | 'message';

export interface Notification {
  id: string;
  type: NotificationType;
  actor: UserSummary | null;
  subjectId: string | null;
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
