import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1732300000000 implements MigrationInterface {
  name = 'Users1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "role" character varying(10) NOT NULL DEFAULT 'user',
        "confirmed" boolean NOT NULL DEFAULT false,
        "banned" boolean NOT NULL DEFAULT false,
        "display_name" character varying(50) NOT NULL,
        "first_name" character varying(50) NOT NULL DEFAULT '',
        "last_name" character varying(50) NOT NULL DEFAULT '',
        "about" character varying(500) NOT NULL DEFAULT '',
        "date_of_birth" date,
        "language" character varying(5) NOT NULL DEFAULT 'en',
        "email_digest" boolean NOT NULL DEFAULT true,
        "avatar_image_id" uuid,
        "last_seen_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "users_email_lower_key" ON "users" (lower("email"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "users"`);
  }
}
