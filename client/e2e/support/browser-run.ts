export const BROWSER_RUN_ENV = 'WORLD_IT_BROWSER_RUN';

import { join } from 'node:path';
import { TEST_REDIS_URL, databaseUrlFor } from '../../../server/test/utils/test-env';

export interface BrowserRun {
  baseUrl: string;
  port: number;
  databaseName: string;
  dataDir: string;
  queuePrefix: string;
  pids: number[];
}

export function browserRun(): BrowserRun {
  const raw = process.env[BROWSER_RUN_ENV];
  if (!raw) throw new Error('No browser run: the browser project global setup did not run');
  return JSON.parse(raw) as BrowserRun;
}

/** The environment of an API (or worker) process of this run: one database and one Redis for all. */
export function apiEnv(
  run: Pick<BrowserRun, 'databaseName' | 'queuePrefix' | 'dataDir'> & { port: number },
): Record<string, string> {
  const origin = `http://127.0.0.1:${run.port}`;
  return {
    NODE_ENV: 'development',
    PORT: String(run.port),
    DATABASE_URL: databaseUrlFor(run.databaseName),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: run.queuePrefix,
    DATA_DIR: run.dataDir,
    MEDIA_DIR: join(run.dataDir, 'media'),
    PUBLIC_URL: origin,
    CORS_ORIGINS: `${origin},http://localhost:${run.port}`,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_AUTH: '10000',
    UNREAD_DIGEST_DELAY: '600',
  };
}
