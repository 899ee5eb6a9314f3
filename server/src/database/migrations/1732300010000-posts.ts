import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Posts1732300010000 implements MigrationInterface {
  name = 'Posts1732300010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "posts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "author_id" uuid NOT NULL,
        "title" character varying(255) NOT NULL,
        "content" text NOT NULL DEFAULT '',
        "visibility" character varying(10) NOT NULL DEFAULT 'public',
        "likes_count" integer NOT NULL DEFAULT 0,
        "comments_count" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_posts" PRIMARY KEY ("id"),
        CONSTRAINT "posts_visibility_known" CHECK ("visibility" IN ('public', 'friends')),
        CONSTRAINT "FK_posts_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "posts_created_idx" ON "posts" ("created_at" DESC, "id" DESC)`);
    await q.query(`CREATE INDEX "posts_author_created_idx" ON "posts" ("author_id", "created_at" DESC, "id" DESC)`);

    await q.query(`
      CREATE TABLE "tags" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(50) NOT NULL,
        "posts_count" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_tags" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "tags_name_key" ON "tags" ("name")`);
    await q.query(`CREATE INDEX "tags_name_prefix_idx" ON "tags" ("name" varchar_pattern_ops)`);

    await q.query(`
      CREATE TABLE "post_tags" (
        "post_id" uuid NOT NULL,
        "tag_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "post_created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_post_tags" PRIMARY KEY ("post_id", "tag_id"),
        CONSTRAINT "FK_post_tags_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_post_tags_tag" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "post_tags_tag_created_idx" ON "post_tags" ("tag_id", "post_created_at" DESC, "post_id" DESC)`,
    );

    await q.query(`
      CREATE TABLE "post_links" (
        "post_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "url" character varying(2048) NOT NULL,
        CONSTRAINT "PK_post_links" PRIMARY KEY ("post_id", "position"),
        CONSTRAINT "FK_post_links_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await q.query(`
      CREATE TABLE "post_images" (
        "post_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "image_id" uuid NOT NULL,
        CONSTRAINT "PK_post_images" PRIMARY KEY ("post_id", "position"),
        CONSTRAINT "FK_post_images_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_post_images_image" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "post_images_image_idx" ON "post_images" ("image_id")`);

    await q.query(`
      CREATE TABLE "post_likes" (
        "post_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_post_likes" PRIMARY KEY ("post_id", "user_id"),
        CONSTRAINT "FK_post_likes_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_post_likes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "post_likes_user_idx" ON "post_likes" ("user_id")`);

    await q.query(`
      CREATE TABLE "comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "post_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "content" character varying(2000) NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_comments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_comments_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "comments_post_created_idx" ON "comments" ("post_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "comments_author_idx" ON "comments" ("author_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "comments"`);
    await q.query(`DROP TABLE "post_likes"`);
    await q.query(`DROP TABLE "post_images"`);
    await q.query(`DROP TABLE "post_links"`);
    await q.query(`DROP TABLE "post_tags"`);
    await q.query(`DROP TABLE "tags"`);
    await q.query(`DROP TABLE "posts"`);
  }
}
