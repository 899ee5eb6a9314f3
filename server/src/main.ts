import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { loadConfigOrExit, exitGracefullyOn } from './bootstrap';
import { AppLogger } from './common/logging/app-logger';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  await configureApp(app);
  exitGracefullyOn(app);
  await app.listen(config.port);
  const local = `http://localhost:${config.port}`;
  app
    .get(AppLogger)
    .log(
      `World IT ready at ${local}${config.publicUrl === local ? '' : ` (public address ${config.publicUrl})`}` +
        ` — ${config.embedded ? 'embedded PGlite' : 'PostgreSQL'}, ${config.redisUrl ? 'Redis' : 'in-process jobs'}`,
      'Bootstrap',
    );
}

void bootstrap();
