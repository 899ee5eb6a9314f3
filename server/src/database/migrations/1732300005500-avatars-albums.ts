import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The avatar history (one active avatar stays on users.avatar_image_id) and photo albums. */
export class AvatarsAlbums1732300005500 implements MigrationInterface {
  name = 'AvatarsAlbums1732300005500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "avatars" (
        "user_id" uuid NOT NULL,
        "image_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_avatars" PRIMARY KEY ("user_id", "image_id"),
        CONSTRAINT "FK_avatars_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_avatars_image" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE "albums" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "theme" character varying(100) NOT NULL DEFAULT '',
        "year" integer,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_albums" PRIMARY KEY ("id"),
        CONSTRAINT "FK_albums_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "albums_owner_created_idx" ON "albums" ("owner_id", "created_at", "id")`);

    await q.query(`
      CREATE TABLE "album_images" (
        "album_id" uuid NOT NULL,
        "image_id" uuid NOT NULL,
        "added_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_album_images" PRIMARY KEY ("album_id", "image_id"),
        CONSTRAINT "FK_album_images_album" FOREIGN KEY ("album_id") REFERENCES "albums"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_album_images_image" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "album_images_album_added_idx" ON "album_images" ("album_id", "added_at", "image_id")`);
    await q.query(`CREATE INDEX "album_images_image_idx" ON "album_images" ("image_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "album_images"`);
    await q.query(`DROP TABLE "albums"`);
    await q.query(`DROP TABLE "avatars"`);
  }
}
