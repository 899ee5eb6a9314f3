import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** Any fixed number: the advisory lock that lets one of several starting processes migrate at a time. */
const MIGRATION_LOCK_KEY = 727_001;
const log = new Logger('Migrations');

/** Applies pending migrations; with several API/worker processes starting together only one migrates. */
export async function runMigrations(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    // One process holds the embedded database (see EmbeddedLock); PGlite's single session must stay free.
    await apply(dataSource);
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await apply(dataSource);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

async function apply(dataSource: DataSource): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) log.log(`Applied ${applied.map((m) => m.name).join(', ')}`);
}
