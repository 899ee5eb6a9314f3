import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:generate|run|revert`).
 * It reads DATABASE_URL (or the embedded data dir) exactly as the app does.
 */
const config = loadConfig(process.env);
export default new DataSource({
  ...dataSourceOptions(config, [__dirname + '/../**/*.entity.{ts,js}']),
});
