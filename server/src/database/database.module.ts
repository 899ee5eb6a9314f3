import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, embeddedDataDir } from './data-source-options';
import { EmbeddedLock } from './embedded-lock';
import { runMigrations } from './run-migrations';

const log = new Logger('Database');

/** The lock of an embedded data dir, keyed by its PGlite driver (the one object that reaches the factory unchanged). */
const embeddedLocks = new WeakMap<object, EmbeddedLock>();

/**
 * TypeORM on PostgreSQL, or on embedded PGlite when DATABASE_URL is unset. Pending migrations are
 * applied before the module resolves, so the API and the worker never run against an old schema.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options = {
          ...dataSourceOptions(config, []),
          autoLoadEntities: true,
          retryAttempts: config.embedded ? 0 : 5,
          retryDelay: 1000,
        };
        if (options.driver) embeddedLocks.set(options.driver, new EmbeddedLock(embeddedDataDir(config.dataDir)));
        return options;
      },
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('No data source options');
        const driver = (options as { driver?: object }).driver;
        const lock = driver ? (embeddedLocks.get(driver) ?? null) : null;
        lock?.acquire();
        try {
          const dataSource = await new DataSource(options).initialize();
          releaseLockOnDestroy(dataSource, lock);
          await runMigrations(dataSource, lock !== null);
          log.log(lock ? `Embedded PostgreSQL (PGlite) in ${lock.dir}` : 'Connected to PostgreSQL');
          return dataSource;
        } catch (err) {
          lock?.release();
          throw err;
        }
      },
    }),
  ],
})
export class DatabaseModule {}

function releaseLockOnDestroy(dataSource: DataSource, lock: EmbeddedLock | null): void {
  if (!lock) return;
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    try {
      await destroy();
    } finally {
      lock.release();
    }
  };
}
