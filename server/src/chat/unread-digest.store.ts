import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A message the user has not read and no digest has mentioned yet. */
export interface PendingRow {
  room_id: string;
  id: string;
  created_at: Date;
  content: string;
  has_image: boolean;
  author_name: string;
}

/**
 * The unread digest's reads and writes over the chat tables (a store of its own because the worker,
 * which runs the digest, does not load the ChatModule).
 */
@Injectable()
export class UnreadDigestStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The user's unread messages from others in direct rooms, newer than what earlier digests covered,
   * oldest first, at most `limit`.
   */
  undigested(userId: string, limit: number): Promise<PendingRow[]> {
    return this.db.query(
      `SELECT m.room_id, m.id, m.created_at, m.content, (m.image_id IS NOT NULL) AS has_image, u.display_name AS author_name
           FROM room_members rm
           JOIN rooms r ON r.id = rm.room_id AND r.kind = 'direct'
           JOIN messages m ON m.room_id = rm.room_id AND m.deleted_at IS NULL AND m.author_id <> rm.user_id
                AND m.created_at >= COALESCE(rm.last_read_at, rm.joined_at)
                AND (rm.last_read_at IS NULL
                     OR (m.created_at, m.id) > (rm.last_read_at, COALESCE(rm.last_read_message_id, '00000000-0000-0000-0000-000000000000'::uuid)))
                AND (rm.digested_until IS NULL OR m.created_at > rm.digested_until)
           JOIN users u ON u.id = m.author_id
          WHERE rm.user_id = $1
          ORDER BY m.created_at, m.id
          LIMIT $2`,
      [userId, limit],
    );
  }

  /** The digest covered the user's messages in this room up to `until`. */
  async markDigested(roomId: string, userId: string, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE room_members SET digested_until = GREATEST(COALESCE(digested_until, $3::timestamptz), $3::timestamptz) WHERE room_id = $1 AND user_id = $2`,
      [roomId, userId, until],
    );
  }
}
