import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import type { PersonRow } from './friendships.repository';

/** The one place with SQL for the `blocks` table. */
@Injectable()
export class BlocksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent: blocking someone twice leaves one row. */
  async insert(em: EntityManager, blockerId: string, blockedId: string): Promise<void> {
    await em.query(
      `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT (blocker_id, blocked_id) DO NOTHING`,
      [blockerId, blockedId],
    );
  }

  async delete(blockerId: string, blockedId: string): Promise<boolean> {
    const rows = returned<{ blocker_id: string }>(
      await this.db.query(`DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2 RETURNING blocker_id`, [
        blockerId,
        blockedId,
      ]),
    );
    return rows.length > 0;
  }

  /** Either direction; `em` reads inside the caller's transaction. */
  async eitherWay(a: string, b: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (em ?? this.db.manager).query(
      `SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1) LIMIT 1`,
      [a, b],
    );
    return rows.length > 0;
  }

  async exists(blockerId: string, blockedId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, [
      blockerId,
      blockedId,
    ]);
    return rows.length > 0;
  }

  async peersOf(userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1 UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async among(userId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1 AND blocked_id = ANY($2::uuid[])
       UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1 AND blocker_id = ANY($2::uuid[])`,
      [userId, userIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The people `blockerId` blocks (active accounts), most recently blocked first. */
  blockedPage(blockerId: string, after: TimeKey | null, take: number): Promise<Array<PersonRow & { since: Date }>> {
    const params: unknown[] = [blockerId];
    let where = `b.blocker_id = $1 AND u.confirmed AND NOT u.banned`;
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (b.created_at, b.blocked_id) < ($2::timestamptz, $3::uuid)`;
    }
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.avatar_image_id AS "avatarImageId", b.created_at AS since
       FROM blocks b JOIN users u ON u.id = b.blocked_id
       WHERE ${where}
       ORDER BY b.created_at DESC, b.blocked_id DESC
       LIMIT ${Number(take)}`,
      params,
    );
  }
}
