import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts: sessions with rotating refresh tokens, mailed codes, the mail outbox and the dev outbox. */
export class Accounts1732300001000 implements MigrationInterface {
  name = 'Accounts1732300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "revoked_reason" character varying(30),
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id")`);
    await q.query(`
      ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "session_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "spent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "refresh_tokens_session_id_idx" ON "refresh_tokens" ("session_id")`);
    await q.query(`CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" ("token_hash")`);
    await q.query(`
      ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"
        FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`
      CREATE TABLE "registration_codes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "purpose" character varying(20) NOT NULL,
        "email" character varying(254) NOT NULL,
        "user_id" uuid NOT NULL,
        "code_hash" character(64) NOT NULL,
        "attempts" integer NOT NULL DEFAULT '0',
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_registration_codes" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "registration_codes_expires_at_idx" ON "registration_codes" ("expires_at")`);
    await q.query(`CREATE INDEX "registration_codes_user_id_idx" ON "registration_codes" ("user_id")`);
    await q.query(`CREATE INDEX "registration_codes_purpose_email_idx" ON "registration_codes" ("purpose", "email")`);
    await q.query(`
      ALTER TABLE "registration_codes" ADD CONSTRAINT "FK_b33335d9d6e0ebfc636ea663c6f"
        FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`
      CREATE TABLE "mail_outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "job_name" character varying(64) NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "enqueued_at" TIMESTAMP WITH TIME ZONE,
        "attempts" integer NOT NULL DEFAULT '0',
        "last_error" text,
        CONSTRAINT "PK_mail_outbox" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" ("created_at") WHERE "enqueued_at" IS NULL`);

    await q.query(`
      CREATE TABLE "sent_mail" (
        "dedupe_key" character varying(200) NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_sent_mail" PRIMARY KEY ("dedupe_key")
      )`);

    await q.query(`
      CREATE TABLE "dev_outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recipient" character varying(254) NOT NULL,
        "subject" character varying(255) NOT NULL,
        "text" text NOT NULL,
        "html" text NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dev_outbox" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "dev_outbox_recipient_sent_at_idx" ON "dev_outbox" ("recipient", "sent_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dev_outbox"`);
    await q.query(`DROP TABLE "sent_mail"`);
    await q.query(`DROP TABLE "mail_outbox"`);
    await q.query(`DROP TABLE "registration_codes"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "sessions"`);
  }
}
