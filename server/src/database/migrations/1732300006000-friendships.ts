import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Friendships (one row per pair, ordered and unique, so crossing requests make one row), blocks, and
 * trigram indexes so people search and the public room directory stay index-served at any size
 * (`ILIKE '%term%'` uses a pg_trgm GIN index; PGlite loads the same extension).
 */
export class Friendships1732300006000 implements MigrationInterface {
  name = 'Friendships1732300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "friendships" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_low" uuid NOT NULL,
        "user_high" uuid NOT NULL,
        "requester_id" uuid NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "accepted_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "PK_friendships" PRIMARY KEY ("id"),
        CONSTRAINT "friendships_pair_ordered" CHECK ("user_low" < "user_high"),
        CONSTRAINT "friendships_requester_in_pair" CHECK ("requester_id" = "user_low" OR "requester_id" = "user_high"),
        CONSTRAINT "friendships_status_known" CHECK ("status" IN ('pending', 'accepted')),
        CONSTRAINT "FK_friendships_user_low" FOREIGN KEY ("user_low") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_friendships_user_high" FOREIGN KEY ("user_high") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "friendships_pair_key" ON "friendships" ("user_low", "user_high")`);
    await q.query(`CREATE INDEX "friendships_high_idx" ON "friendships" ("user_high", "user_low")`);

    await q.query(`
      CREATE TABLE "blocks" (
        "blocker_id" uuid NOT NULL,
        "blocked_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_blocks" PRIMARY KEY ("blocker_id", "blocked_id"),
        CONSTRAINT "blocks_not_self" CHECK ("blocker_id" <> "blocked_id"),
        CONSTRAINT "FK_blocks_blocker" FOREIGN KEY ("blocker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_blocks_blocked" FOREIGN KEY ("blocked_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "blocks_blocked_idx" ON "blocks" ("blocked_id", "blocker_id")`);

    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // One expression over every searchable name (the newline keeps a term from spanning two names'
    // boundary by accident); UsersRepository searches exactly this expression.
    await q.query(
      `CREATE INDEX "users_name_search_trgm_idx" ON "users" USING gin ((("display_name")::text || E'\\n' || ("first_name")::text || ' ' || ("last_name")::text) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "rooms_public_name_trgm_idx" ON "rooms" USING gin ("name" gin_trgm_ops) WHERE "kind" = 'group' AND "visibility" = 'public'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "rooms_public_name_trgm_idx"`);
    await q.query(`DROP INDEX "users_name_search_trgm_idx"`);
    await q.query(`DROP TABLE "blocks"`);
    await q.query(`DROP TABLE "friendships"`);
  }
}
