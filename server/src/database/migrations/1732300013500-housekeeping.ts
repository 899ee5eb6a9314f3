import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the housekeeping jobs delete by, so each run reads only the rows it removes (partial:
 * only rows that can ever qualify), plus the image references the orphaned-upload check looks up.
 */
export class Housekeeping1732300013500 implements MigrationInterface {
  name = 'Housekeeping1732300013500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "sessions_expires_at_idx" ON "sessions" ("expires_at")`);
    await q.query(`CREATE INDEX "sessions_revoked_at_idx" ON "sessions" ("revoked_at") WHERE "revoked_at" IS NOT NULL`);
    await q.query(
      `CREATE INDEX "refresh_tokens_spent_at_idx" ON "refresh_tokens" ("spent_at") WHERE "spent_at" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "mail_outbox_enqueued_at_idx" ON "mail_outbox" ("enqueued_at") WHERE "enqueued_at" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "sent_mail_sent_at_idx" ON "sent_mail" ("sent_at")`);
    await q.query(`CREATE INDEX "dev_outbox_sent_at_idx" ON "dev_outbox" ("sent_at")`);
    await q.query(`CREATE INDEX "images_deleted_at_idx" ON "images" ("deleted_at") WHERE "deleted_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "messages_image_idx" ON "messages" ("image_id") WHERE "image_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "avatars_image_idx" ON "avatars" ("image_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'avatars_image_idx',
      'messages_image_idx',
      'images_deleted_at_idx',
      'dev_outbox_sent_at_idx',
      'sent_mail_sent_at_idx',
      'mail_outbox_enqueued_at_idx',
      'refresh_tokens_spent_at_idx',
      'sessions_revoked_at_idx',
      'sessions_expires_at_idx',
    ]) {
      await q.query(`DROP INDEX "${name}"`);
    }
  }
}
