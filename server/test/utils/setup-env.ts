import { join } from 'node:path';
import { currentRun } from './test-env';

/** Every e2e test file starts from this run's services; a test may override per app (createTestApp). */
const run = currentRun();
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: run.databaseUrl,
  REDIS_URL: run.redisUrl,
  QUEUE_PREFIX: run.queuePrefix,
  DATA_DIR: run.dataDir,
  MEDIA_DIR: join(run.dataDir, 'media'),
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  RATE_LIMIT_AUTH: '100000',
  RATE_LIMIT_SOCKET_MESSAGES: '100000',
  RATE_LIMIT_UPLOADS: '100000',
  RATE_LIMIT_POSTS: '100000',
  RATE_LIMIT_LIKES: '100000',
  RATE_LIMIT_WRITES: '100000',
  JWT_ACCESS_SECRET: 'test-access-secret-that-is-long-enough-0123456789',
  JWT_REFRESH_SECRET: 'test-refresh-secret-that-is-long-enough-0123456789',
});
