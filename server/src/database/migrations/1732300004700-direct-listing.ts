import type { MigrationInterface, QueryRunner } from 'typeorm';

/** room_members.listed: the peer of a direct room sees it in their list only once it holds a message. */
export class DirectListing1732300004700 implements MigrationInterface {
  name = 'DirectListing1732300004700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "room_members" ADD "listed" boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "room_members" DROP COLUMN "listed"`);
  }
}
