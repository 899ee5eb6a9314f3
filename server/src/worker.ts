import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, exitGracefullyOn } from './bootstrap';
import { AppLogger } from './common/logging/app-logger';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP) consuming the Bull job queue (mail, the unread digest). */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.redisUrl) {
    // eslint-disable-next-line no-console
    console.error(
      'The worker consumes the Redis queue: set REDIS_URL. Without Redis the API runs the jobs in-process.',
    );
    process.exit(1);
  }
  if (config.embedded) {
    // eslint-disable-next-line no-console
    console.error('The worker needs DATABASE_URL: the embedded database belongs to the single API process.');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  exitGracefullyOn(app);
  await app.init();
  logger.log('World IT worker ready: running the queued jobs (mail, the unread digest)', 'Bootstrap');
}

void bootstrap();
