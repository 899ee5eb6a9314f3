import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DELETED_USER_NAME } from '@world-it/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned-rows';

export interface ErasedAccount {
  /** The user's uploads, now marked deleted: their files go after the commit. */
  imageIds: string[];
}

/**
 * The SQL of deleting an account, in one transaction: what the person made goes (posts with their
 * likes and comments, their comments and likes elsewhere with the counters kept right, friendships,
 * requests, blocks, notifications, avatars, albums, uploads, codes; exports: DataExportsRepository), and the `users` row
 * becomes an anonymous tombstone: no email, no password, no name but "Deleted user", never active.
 * The tombstone keeps chat messages they wrote readable for the others (messages.author_id).
 */
@Injectable()
export class AccountDeletionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Group rooms the user is a member of (they leave each, so the room's admin rule applies). */
  async groupRoomIds(userId: string): Promise<string[]> {
    const rows: Array<{ room_id: string }> = await this.ds.query(
      `SELECT rm.room_id FROM room_members rm JOIN rooms r ON r.id = rm.room_id AND r.kind = 'group'
        WHERE rm.user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.room_id);
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Null when the account was already deleted (a second request racing this one). */
  async erase(userId: string, em: EntityManager): Promise<ErasedAccount | null> {
    const tomb = returned<{ id: string }>(
      await em.query(
        `UPDATE users SET deleted_at = now(), email = 'deleted-' || id || '@deleted.invalid', password_hash = '',
                confirmed = false, banned = false, role = 'user', display_name = $2, first_name = '', last_name = '',
                about = '', date_of_birth = NULL, avatar_image_id = NULL, email_digest = false, last_seen_at = NULL
          WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [userId, DELETED_USER_NAME],
      ),
    );
    if (tomb.length === 0) return null;
    const q = (sql: string) => em.query(sql, [userId]);
    // Their comments and likes on other people's posts, with those posts' counters.
    await q(`WITH gone AS (DELETE FROM comments WHERE author_id = $1 RETURNING post_id),
                  n AS (SELECT post_id, count(*)::int AS c FROM gone GROUP BY post_id)
             UPDATE posts p SET comments_count = p.comments_count - n.c FROM n WHERE p.id = n.post_id`);
    await q(`WITH gone AS (DELETE FROM post_likes WHERE user_id = $1 RETURNING post_id),
                  n AS (SELECT post_id, count(*)::int AS c FROM gone GROUP BY post_id)
             UPDATE posts p SET likes_count = p.likes_count - n.c FROM n WHERE p.id = n.post_id`);
    // Their posts: the tags of public ones are counted down first (tags locked in name order, as posts do).
    await q(`WITH n AS (SELECT pt.tag_id, count(*)::int AS c FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                         WHERE p.author_id = $1 AND p.visibility = 'public' GROUP BY pt.tag_id),
                  locked AS (SELECT id FROM tags WHERE id IN (SELECT tag_id FROM n) ORDER BY name FOR UPDATE)
             UPDATE tags t SET posts_count = t.posts_count - n.c FROM n WHERE t.id = n.tag_id AND t.id IN (SELECT id FROM locked)`);
    await q(`DELETE FROM posts WHERE author_id = $1`);
    await q(`DELETE FROM friendships WHERE user_low = $1 OR user_high = $1`);
    await q(`DELETE FROM blocks WHERE blocker_id = $1 OR blocked_id = $1`);
    await q(`DELETE FROM notifications WHERE recipient_id = $1 OR actor_id = $1`);
    await q(`UPDATE notifications SET recent_actor_ids = array_remove(recent_actor_ids, $1::uuid),
                    actors_count = GREATEST(actors_count - 1, 1)
              WHERE $1::uuid = ANY(recent_actor_ids)`);
    await q(`DELETE FROM avatars WHERE user_id = $1`);
    await q(`DELETE FROM albums WHERE owner_id = $1`);
    await q(
      `UPDATE rooms SET avatar_image_id = NULL WHERE avatar_image_id IN (SELECT id FROM images WHERE owner_id = $1)`,
    );
    // Messages and posts of others never hold their images (only own images can be attached), but kept chat
    // messages of theirs do: those show the "removed" placeholder.
    const images = returned<{ id: string }>(
      await q(`UPDATE images SET deleted_at = now() WHERE owner_id = $1 AND deleted_at IS NULL RETURNING id`),
    );
    await q(`DELETE FROM registration_codes WHERE user_id = $1`);
    return { imageIds: images.map((r) => r.id) };
  }
}
