import { existsSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';

/** Reads `.env` (if any) and validates the environment; a bad variable stops the start, named. */
export function loadConfigOrExit(): AppConfig {
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      // eslint-disable-next-line no-console
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and jobs finish, close sockets and
 * connections, exit 0. A second signal, or 15 s, forces the exit.
 */
export function exitGracefullyOn(app: INestApplicationContext): void {
  let closing = false;
  const stop = (signal: string): void => {
    if (closing) process.exit(1);
    closing = true;
    // eslint-disable-next-line no-console
    console.log(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), 15_000).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        // eslint-disable-next-line no-console
        console.error('Shutdown failed', err);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
