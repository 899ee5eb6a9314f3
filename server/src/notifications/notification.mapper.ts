import type { Notification, UserSummary } from '@world-it/contracts';
import type { NotificationRow } from './notifications.repository';

/** The contract's Notification; `actor` is looked up by the caller (in one batch for a page). */
export function toNotification(row: NotificationRow, actor: UserSummary | null): Notification {
  return {
    id: row.id,
    type: row.type,
    actor,
    subjectId: row.subject_id,
    actorsCount: Number(row.actors_count ?? 1),
    read: row.read_at !== null,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  };
}
