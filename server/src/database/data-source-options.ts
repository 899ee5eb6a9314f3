import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { pgliteDriver } from './pglite-pool';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export function embeddedDataDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** One set of options for both modes: real PostgreSQL (`pg`) or embedded PGlite under the data dir. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  entities: DataSourceOptions['entities'],
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: ['error' as const],
  };
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, extra: { max: 20 } };
  }
  return { ...common, driver: pgliteDriver(embeddedDataDir(config.dataDir)) };
}
