import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy: data export archives (a row per request, the download token stored as a SHA-256 hash only)
 * and the mark of a deleted account. A deleted account's row stays as an anonymous tombstone so the
 * chat messages it wrote stay readable as "Deleted user" (messages.author_id keeps its foreign key).
 */
export class Privacy1732300016000 implements MigrationInterface {
  name = 'Privacy1732300016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`
      CREATE TABLE "data_exports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "token_hash" character(64),
        "file_key" character varying(100),
        "bytes" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "ready_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_data_exports" PRIMARY KEY ("id"),
        CONSTRAINT "data_exports_status_known" CHECK ("status" IN ('pending', 'ready', 'failed')),
        CONSTRAINT "FK_data_exports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "data_exports_user_created_idx" ON "data_exports" ("user_id", "created_at")`);
    await q.query(`CREATE UNIQUE INDEX "data_exports_token_hash_key" ON "data_exports" ("token_hash")`);
    await q.query(`CREATE INDEX "data_exports_expires_at_idx" ON "data_exports" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "data_exports"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "deleted_at"`);
  }
}
