import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../database/returned-rows';

export interface DataExportRow {
  id: string;
  user_id: string;
  status: 'pending' | 'ready' | 'failed';
  file_key: string | null;
  created_at: Date;
  expires_at: Date;
}

/** The one place that reads and writes `data_exports`: one row per export request. */
@Injectable()
export class DataExportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The user's newest request, locked in the caller's transaction (requests of one user go one at a time). */
  async newestOf(userId: string, em: EntityManager): Promise<DataExportRow | null> {
    await em.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const rows: DataExportRow[] = await em.query(
      `SELECT * FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async create(userId: string, expiresAt: Date, em: EntityManager): Promise<string> {
    const rows = returned<{ id: string }>(
      await em.query(`INSERT INTO data_exports (user_id, expires_at) VALUES ($1, $2) RETURNING id`, [
        userId,
        expiresAt,
      ]),
    );
    return rows[0].id;
  }

  async find(id: string): Promise<DataExportRow | null> {
    const rows: DataExportRow[] = await this.ds.query(`SELECT * FROM data_exports WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The archive is written: it gets its token (hash only) and its lifetime starts now. */
  async markReady(
    id: string,
    change: { tokenHash: string; fileKey: string; bytes: number; expiresAt: Date },
    em: EntityManager,
  ): Promise<boolean> {
    const rows = returned<{ id: string }>(
      await em.query(
        `UPDATE data_exports SET status = 'ready', token_hash = $2, file_key = $3, bytes = $4, ready_at = now(), expires_at = $5
          WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id, change.tokenHash, change.fileKey, change.bytes, change.expiresAt],
      ),
    );
    return rows.length > 0;
  }

  async markFailed(id: string): Promise<void> {
    await this.ds.query(`UPDATE data_exports SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [id]);
  }

  /** A ready, unexpired archive by its token's hash. */
  async findDownloadable(tokenHash: string): Promise<DataExportRow | null> {
    const rows: DataExportRow[] = await this.ds.query(
      `SELECT * FROM data_exports WHERE token_hash = $1 AND status = 'ready' AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Deletes expired rows (at most `limit`), answering their file keys. */
  async deleteExpired(limit: number): Promise<Array<string | null>> {
    const rows = returned<{ file_key: string | null }>(
      await this.ds.query(
        `DELETE FROM data_exports WHERE id IN (SELECT id FROM data_exports WHERE expires_at < now() LIMIT ${limit})
         RETURNING file_key`,
      ),
    );
    return rows.map((r) => r.file_key);
  }

  /** Every export of the user goes (the account is being deleted); answers their file keys. */
  async deleteAllOf(userId: string, em: EntityManager): Promise<Array<string | null>> {
    const rows = returned<{ file_key: string | null }>(
      await em.query(`DELETE FROM data_exports WHERE user_id = $1 RETURNING file_key`, [userId]),
    );
    return rows.map((r) => r.file_key);
  }
}
