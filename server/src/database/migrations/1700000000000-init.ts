import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Baseline: server-side UUIDs use gen_random_uuid() (built into PostgreSQL 13+ and PGlite). */
export class Init1700000000000 implements MigrationInterface {
  name = 'Init1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT gen_random_uuid()`);
  }

  async down(): Promise<void> {
    // nothing to undo
  }
}
