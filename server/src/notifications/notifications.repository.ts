import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { NotificationType } from '@world-it/contracts';
import { Repository } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import { NotificationEntity } from './notification.entity';

export interface NotificationRow {
  id: string;
  recipient_id: string;
  type: NotificationType;
  actor_id: string | null;
  subject_id: string | null;
  actors_count: number;
  read_at: Date | null;
  created_at: Date;
}

export interface NewNotification {
  recipientId: string;
  type: NotificationType;
  actorId: string | null;
  subjectId: string | null;
}

const COLUMNS = `id, recipient_id, type, actor_id, subject_id, actors_count, read_at, created_at`;

/** Types whose unread notifications group per subject, whoever the actor (likes and comments on one post). */
export const GROUPED_TYPES: readonly NotificationType[] = ['post_liked', 'post_commented'];
const RECENT_ACTORS_KEPT = 50;

/** The one place that reads and writes the `notifications` table, over the indexes its migration made. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>) {}

  /**
   * Stores a notification, or — when the recipient still has an unread one of the same type, actor and
   * subject (notifications_unread_key), or for likes and comments of the same type and post whoever the
   * actor (notifications_unread_group_key) — moves that one to now instead, so a burst makes one row. Race-safe:
   * two concurrent calls meet on the unique index. Answers the stored row and whether it is new.
   */
  async upsertUnread(n: NewNotification): Promise<{ row: NotificationRow; created: boolean }> {
    const grouped = GROUPED_TYPES.includes(n.type);
    const rows: Array<NotificationRow & { created: boolean }> = await this.notifications.query(
      grouped
        ? // One unread row per post: the latest actor shows; a new distinct actor counts one more.
          `INSERT INTO notifications (recipient_id, type, actor_id, subject_id, recent_actor_ids)
           VALUES ($1, $2, $3, $4, ARRAY[$3]::uuid[])
           ON CONFLICT (recipient_id, type, subject_id) WHERE read_at IS NULL AND type IN ('post_liked', 'post_commented')
           DO UPDATE SET created_at = GREATEST(notifications.created_at, clock_timestamp()),
             actor_id = EXCLUDED.actor_id,
             actors_count = notifications.actors_count + (NOT (EXCLUDED.actor_id = ANY (notifications.recent_actor_ids)))::int,
             recent_actor_ids = CASE WHEN EXCLUDED.actor_id = ANY (notifications.recent_actor_ids)
               THEN notifications.recent_actor_ids
               ELSE (notifications.recent_actor_ids || EXCLUDED.actor_id)[
                      greatest(1, cardinality(notifications.recent_actor_ids) + 2 - ${RECENT_ACTORS_KEPT}):] END
           RETURNING ${COLUMNS}, (xmax = 0) AS created`
        : `INSERT INTO notifications (recipient_id, type, actor_id, subject_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (recipient_id, type, actor_id, subject_id) WHERE read_at IS NULL
           DO UPDATE SET created_at = GREATEST(notifications.created_at, clock_timestamp())
           RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [n.recipientId, n.type, n.actorId, n.subjectId],
    );
    const { created, ...row } = rows[0];
    return { row, created };
  }

  /** One page of a recipient's notifications, newest first, after the cursor: up to `take` rows. */
  page(recipientId: string, after: TimeKey | null, take: number): Promise<NotificationRow[]> {
    const params: unknown[] = [recipientId, take];
    let where = `recipient_id = $1`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.notifications.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  async unreadCount(recipientId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.notifications.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Marks the recipient's unread notifications read: these ids (others' ids match nothing), or all of
   * them when `ids` is undefined. Answers how many changed.
   */
  async markRead(recipientId: string, ids?: string[]): Promise<number> {
    if (ids?.length === 0) return 0;
    const params: unknown[] = [recipientId];
    let where = `recipient_id = $1 AND read_at IS NULL`;
    if (ids) {
      params.push(ids);
      where += ` AND id = ANY($2::uuid[])`;
    }
    const rows = returned<{ id: string }>(
      await this.notifications.query(
        `UPDATE notifications SET read_at = clock_timestamp() WHERE ${where} RETURNING id`,
        params,
      ),
    );
    return rows.length;
  }
}
