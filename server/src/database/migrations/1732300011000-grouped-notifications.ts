import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Likes and comments on one post group into one unread notification ("Anna and 49 others liked your
 * post"): the row keeps the latest actor, the distinct actors seen (the last 50 ids, for the count) and
 * their count.
 */
export class GroupedNotifications1732300011000 implements MigrationInterface {
  name = 'GroupedNotifications1732300011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "actors_count" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "notifications" ADD "recent_actor_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(
      `CREATE UNIQUE INDEX "notifications_unread_group_key" ON "notifications" ("recipient_id", "type", "subject_id") WHERE "read_at" IS NULL AND "type" IN ('post_liked', 'post_commented')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "notifications_unread_group_key"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "recent_actor_ids"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "actors_count"`);
  }
}
