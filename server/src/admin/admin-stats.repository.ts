import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface TableCounts {
  users: number;
  posts: number;
  messages: number;
  rooms: number;
}

/**
 * The admin dashboard's read-only totals over several features' tables, in one round trip. It only
 * counts: every write to these tables stays with the feature's own repository.
 */
@Injectable()
export class AdminStatsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async tableCounts(): Promise<TableCounts> {
    const rows: Array<Record<keyof TableCounts, number>> = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM users WHERE deleted_at IS NULL) AS users,
              (SELECT count(*)::int FROM posts) AS posts,
              (SELECT count(*)::int FROM messages WHERE deleted_at IS NULL) AS messages,
              (SELECT count(*)::int FROM rooms) AS rooms`,
    );
    const row = rows[0];
    return { users: row.users, posts: row.posts, messages: row.messages, rooms: row.rooms };
  }
}
