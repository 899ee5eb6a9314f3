import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Chat1732300003000 implements MigrationInterface {
  name = 'Chat1732300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "rooms" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" character varying(10) NOT NULL,
        "name" character varying(100) NOT NULL DEFAULT '',
        "visibility" character varying(10) NOT NULL DEFAULT 'private',
        "admin_id" uuid,
        "avatar_image_id" uuid,
        "direct_user_low" uuid,
        "direct_user_high" uuid,
        "last_activity_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_rooms" PRIMARY KEY ("id"),
        CONSTRAINT "FK_rooms_admin" FOREIGN KEY ("admin_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "FK_rooms_avatar_image" FOREIGN KEY ("avatar_image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "FK_rooms_direct_user_low" FOREIGN KEY ("direct_user_low") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_rooms_direct_user_high" FOREIGN KEY ("direct_user_high") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "rooms_direct_pair_key" ON "rooms" ("direct_user_low", "direct_user_high")`);
    await q.query(
      `CREATE INDEX "rooms_public_activity_idx" ON "rooms" ("last_activity_at" DESC, "id" DESC) WHERE "kind" = 'group' AND "visibility" = 'public'`,
    );

    await q.query(`
      CREATE TABLE "messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "room_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "client_id" character varying(64),
        "content" character varying(4096) NOT NULL DEFAULT '',
        "image_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "edited_at" TIMESTAMP(3) WITH TIME ZONE,
        "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "PK_messages" PRIMARY KEY ("id"),
        CONSTRAINT "FK_messages_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_messages_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_messages_image" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "messages_author_client_key" ON "messages" ("author_id", "client_id")`);
    await q.query(
      `CREATE INDEX "messages_room_created_idx" ON "messages" ("room_id", "created_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL`,
    );

    await q.query(`
      CREATE TABLE "room_members" (
        "room_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "joined_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "last_read_message_id" uuid,
        "last_read_at" TIMESTAMP(3) WITH TIME ZONE,
        "digested_until" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "PK_room_members" PRIMARY KEY ("room_id", "user_id"),
        CONSTRAINT "FK_room_members_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_room_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_room_members_last_read_message" FOREIGN KEY ("last_read_message_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "room_members_user_idx" ON "room_members" ("user_id")`);
    await q.query(`CREATE INDEX "room_members_room_joined_idx" ON "room_members" ("room_id", "joined_at", "user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "room_members"`);
    await q.query(`DROP TABLE "messages"`);
    await q.query(`DROP TABLE "rooms"`);
  }
}
