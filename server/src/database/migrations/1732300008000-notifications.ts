import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1732300008000 implements MigrationInterface {
  name = 'Notifications1732300008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recipient_id" uuid NOT NULL,
        "type" character varying(20) NOT NULL,
        "actor_id" uuid,
        "subject_id" uuid,
        "read_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "FK_notifications_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_notifications_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "notifications_recipient_created_idx" ON "notifications" ("recipient_id", "created_at" DESC, "id" DESC)`,
    );
    // Partial: only unread rows. Serves the unread count (leading recipient_id) and the dedupe upsert.
    await q.query(
      `CREATE UNIQUE INDEX "notifications_unread_key" ON "notifications" ("recipient_id", "type", "actor_id", "subject_id") NULLS NOT DISTINCT WHERE "read_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notifications"`);
  }
}
