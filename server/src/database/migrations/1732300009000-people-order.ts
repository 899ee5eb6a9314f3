import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People are listed newest first on the millisecond (the cursor's precision). With no index on that
 * order, a search matching thousands of people (or the unfiltered first page) fetched and sorted every
 * match; this index lets PostgreSQL walk the order and stop at the page. The expression is taken in
 * UTC so it is immutable (date_trunc on a timestamptz depends on the session's time zone).
 */
export class PeopleOrder1732300009000 implements MigrationInterface {
  name = 'PeopleOrder1732300009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "users_active_created_ms_idx" ON "users" ((date_trunc('milliseconds', "created_at" AT TIME ZONE 'UTC')) DESC, "id" DESC) WHERE "confirmed" AND NOT "banned"`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "users_active_created_ms_idx"`);
  }
}
