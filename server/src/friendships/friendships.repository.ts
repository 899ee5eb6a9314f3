import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import type { FriendshipState } from './friendship.entity';

/** A friendships row as the rules need it. */
export interface FriendshipRow {
  id: string;
  user_low: string;
  user_high: string;
  requester_id: string;
  status: FriendshipState;
  created_at: Date;
  accepted_at: Date | null;
}

/** Enough of a user for a UserSummary. */
export interface PersonRow {
  id: string;
  displayName: string;
  avatarImageId: string | null;
}

/** A pending request with both people. */
export interface RequestRow {
  id: string;
  createdAt: Date;
  from: PersonRow;
  to: PersonRow;
}

/** A friend (or suggestion) with the key its page is ordered by. */
export interface FriendRow extends PersonRow {
  since: Date;
}

const ROW = `id, user_low, user_high, requester_id, status, created_at, accepted_at`;
/** The other member of the pair, seen from $1. */
const OTHER = `CASE WHEN f.user_low = $1 THEN f.user_high ELSE f.user_low END`;
const ACTIVE = (alias: string) => `${alias}.confirmed AND NOT ${alias}.banned`;

export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * The one place with SQL for the `friendships` table (one row per pair, see FriendshipEntity).
 * Methods taking an EntityManager run in the caller's transaction.
 */
@Injectable()
export class FriendshipsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private q(em?: EntityManager): EntityManager {
    return em ?? this.db.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Serialises every change to one pair (request, accept, block) until the transaction ends, so a
   * block and a request racing each other cannot leave a request behind the block.
   */
  async lockPair(em: EntityManager, a: string, b: string): Promise<void> {
    const [low, high] = orderedPair(a, b);
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`friendship:${low}:${high}`]);
  }

  async findPair(a: string, b: string, em?: EntityManager, lock = false): Promise<FriendshipRow | null> {
    const [low, high] = orderedPair(a, b);
    const rows: FriendshipRow[] = await this.q(em).query(
      `SELECT ${ROW} FROM friendships WHERE user_low = $1 AND user_high = $2${lock ? ' FOR UPDATE' : ''}`,
      [low, high],
    );
    return rows[0] ?? null;
  }

  /** A new pending request; null when the pair already has a row (the unique pair decides). */
  async insertRequest(em: EntityManager, requesterId: string, otherId: string): Promise<FriendshipRow | null> {
    const [low, high] = orderedPair(requesterId, otherId);
    const rows = returned<FriendshipRow>(
      await em.query(
        `INSERT INTO friendships (user_low, user_high, requester_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_low, user_high) DO NOTHING RETURNING ${ROW}`,
        [low, high, requesterId],
      ),
    );
    return rows[0] ?? null;
  }

  async markAccepted(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE friendships SET status = 'accepted', accepted_at = clock_timestamp() WHERE id = $1`, [id]);
  }

  /** A pending request by id, row-locked, when `userId` is its recipient (accept, decline). */
  async pendingTo(em: EntityManager, id: string, userId: string): Promise<FriendshipRow | null> {
    const rows: FriendshipRow[] = await em.query(
      `SELECT ${ROW} FROM friendships
       WHERE id = $1 AND status = 'pending' AND requester_id <> $2 AND (user_low = $2 OR user_high = $2) FOR UPDATE`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** Whether `userId` is the sender or the recipient of this pending request (they may see it). */
  async pendingInvolving(id: string, userId: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.q(em).query(
      `SELECT 1 FROM friendships WHERE id = $1 AND status = 'pending' AND (user_low = $2 OR user_high = $2)`,
      [id, userId],
    );
    return rows.length > 0;
  }

  /** Deletes a pending request `userId` sent; false when there is none. */
  async deletePendingFrom(id: string, userId: string): Promise<boolean> {
    const rows = returned<{ id: string }>(
      await this.db.query(
        `DELETE FROM friendships WHERE id = $1 AND status = 'pending' AND requester_id = $2 RETURNING id`,
        [id, userId],
      ),
    );
    return rows.length > 0;
  }

  async deleteById(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM friendships WHERE id = $1`, [id]);
  }

  /** Deletes the pair's row (only when it has `status`, if given); false when nothing was deleted. */
  async deletePair(a: string, b: string, status?: FriendshipState, em?: EntityManager): Promise<boolean> {
    const [low, high] = orderedPair(a, b);
    const rows = returned<{ id: string }>(
      await this.q(em).query(
        `DELETE FROM friendships WHERE user_low = $1 AND user_high = $2${status ? ' AND status = $3' : ''} RETURNING id`,
        status ? [low, high, status] : [low, high],
      ),
    );
    return rows.length > 0;
  }

  async requestById(id: string, em?: EntityManager): Promise<RequestRow | null> {
    const rows = await this.requestRows(`f.id = $1`, [id], 1, em);
    return rows[0] ?? null;
  }

  /** Pending requests to (incoming) or from (outgoing) the user, newest first, whose other side is active. */
  requestsPage(
    userId: string,
    direction: 'incoming' | 'outgoing',
    after: TimeKey | null,
    take: number,
  ): Promise<RequestRow[]> {
    const params: unknown[] = [userId];
    let where = `f.status = 'pending' AND (f.user_low = $1 OR f.user_high = $1) AND f.requester_id ${direction === 'outgoing' ? '=' : '<>'} $1
      AND ${ACTIVE('r')} AND ${ACTIVE('a')}`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (f.created_at, f.id) < ($2::timestamptz, $3::uuid)`;
    }
    return this.requestRows(where, params, take);
  }

  private async requestRows(where: string, params: unknown[], take: number, em?: EntityManager): Promise<RequestRow[]> {
    const rows: Array<{
      id: string;
      created_at: Date;
      r_id: string;
      r_name: string;
      r_avatar: string | null;
      a_id: string;
      a_name: string;
      a_avatar: string | null;
    }> = await this.q(em).query(
      `SELECT f.id, f.created_at,
              r.id AS r_id, r.display_name AS r_name, r.avatar_image_id AS r_avatar,
              a.id AS a_id, a.display_name AS a_name, a.avatar_image_id AS a_avatar
       FROM friendships f
       JOIN users r ON r.id = f.requester_id
       JOIN users a ON a.id = CASE WHEN f.requester_id = f.user_low THEN f.user_high ELSE f.user_low END
       WHERE ${where}
       ORDER BY f.created_at DESC, f.id DESC
       LIMIT ${Number(take)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      from: { id: r.r_id, displayName: r.r_name, avatarImageId: r.r_avatar },
      to: { id: r.a_id, displayName: r.a_name, avatarImageId: r.a_avatar },
    }));
  }

  /** The user's active friends, newest friendship first; `hidden` ids are left out. */
  friendsPage(userId: string, after: TimeKey | null, take: number, hidden: string[] = []): Promise<FriendRow[]> {
    const params: unknown[] = [userId, hidden];
    let where = `f.status = 'accepted' AND (f.user_low = $1 OR f.user_high = $1) AND ${ACTIVE('u')} AND u.id <> ALL($2::uuid[])`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (f.accepted_at, u.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.avatar_image_id AS "avatarImageId", f.accepted_at AS since
       FROM friendships f JOIN users u ON u.id = ${OTHER}
       WHERE ${where}
       ORDER BY f.accepted_at DESC, u.id DESC
       LIMIT ${Number(take)}`,
      params,
    );
  }

  async friendIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT ${OTHER} AS id FROM friendships f WHERE f.status = 'accepted' AND (f.user_low = $1 OR f.user_high = $1)`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Active friends of each id, in one query (ids without friends answer 0). */
  async countsOf(userIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; n: number | string }> = await this.db.query(
      `SELECT x.id, count(u.id)::int AS n
       FROM unnest($1::uuid[]) AS x(id)
       LEFT JOIN friendships f ON f.status = 'accepted' AND (f.user_low = x.id OR f.user_high = x.id)
       LEFT JOIN users u ON u.id = CASE WHEN f.user_low = x.id THEN f.user_high ELSE f.user_low END AND ${ACTIVE('u')}
       GROUP BY x.id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  /** The rows between `viewerId` and each of `userIds` (one query). */
  pairRowsWith(viewerId: string, userIds: string[]): Promise<FriendshipRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT ${ROW} FROM friendships
       WHERE (user_low = $1 AND user_high = ANY($2::uuid[])) OR (user_high = $1 AND user_low = ANY($2::uuid[]))`,
      [viewerId, userIds],
    );
  }

  /** How many active friends two people share. */
  async mutualCount(a: string, b: string): Promise<number> {
    const rows: Array<{ n: number | string }> = await this.db.query(
      `WITH fa AS (SELECT ${OTHER} AS id FROM friendships f WHERE f.status = 'accepted' AND (f.user_low = $1 OR f.user_high = $1)),
            fb AS (SELECT CASE WHEN f.user_low = $2 THEN f.user_high ELSE f.user_low END AS id
                   FROM friendships f WHERE f.status = 'accepted' AND (f.user_low = $2 OR f.user_high = $2))
       SELECT count(*)::int AS n FROM fa JOIN fb ON fb.id = fa.id JOIN users u ON u.id = fa.id AND ${ACTIVE('u')}`,
      [a, b],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * People the user may know, in one query: friends of friends ranked by how many friends they share
   * (then newest), topped up with the newest people when there are too few; never the user, anyone
   * with a row with the user (friends, pending either way) or in a block with the user either way.
   */
  suggestions(userId: string, take: number): Promise<Array<PersonRow & { mutual: number }>> {
    return this.db.query(
      `WITH mine AS (
         SELECT ${OTHER} AS id FROM friendships f WHERE f.status = 'accepted' AND (f.user_low = $1 OR f.user_high = $1)
       ),
       excluded AS (
         SELECT $1::uuid AS id
         UNION SELECT ${OTHER} FROM friendships f WHERE f.user_low = $1 OR f.user_high = $1
         UNION SELECT blocked_id FROM blocks WHERE blocker_id = $1
         UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1
       ),
       fof AS (
         SELECT CASE WHEN f.user_low = m.id THEN f.user_high ELSE f.user_low END AS id, count(*)::int AS mutual
         FROM mine m JOIN friendships f ON f.status = 'accepted' AND (f.user_low = m.id OR f.user_high = m.id)
         GROUP BY 1
       ),
       ranked AS (
         SELECT u.id, u.display_name, u.avatar_image_id, u.created_at, fof.mutual
         FROM fof JOIN users u ON u.id = fof.id AND ${ACTIVE('u')}
         WHERE fof.id NOT IN (SELECT id FROM excluded)
         ORDER BY fof.mutual DESC, u.created_at DESC, u.id DESC
         LIMIT $2
       ),
       newest AS (
         SELECT u.id, u.display_name, u.avatar_image_id, u.created_at, 0 AS mutual
         FROM users u
         WHERE ${ACTIVE('u')} AND u.id NOT IN (SELECT id FROM excluded) AND u.id NOT IN (SELECT id FROM ranked)
         ORDER BY u.created_at DESC, u.id DESC
         LIMIT $2
       )
       SELECT id, display_name AS "displayName", avatar_image_id AS "avatarImageId", mutual
       FROM (SELECT * FROM ranked UNION ALL SELECT * FROM newest) s
       ORDER BY mutual DESC, created_at DESC, id DESC
       LIMIT $2`,
      [userId, take],
    );
  }
}
