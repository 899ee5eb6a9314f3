import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { loadConfigOrExit, exitGracefullyOn } from './bootstrap';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  await configureApp(app);
  exitGracefullyOn(app);
  await app.listen(config.port);
  // eslint-disable-next-line no-console
  console.log(
    `World IT API listening on http://localhost:${config.port} (${config.embedded ? 'embedded PGlite' : 'PostgreSQL'}, ${config.redisUrl ? 'Redis' : 'in-process jobs'})`,
  );
}

void bootstrap();
