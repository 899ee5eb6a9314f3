import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { WorkerModule } from '../../src/worker.module';
import { embeddedDataDir } from '../../src/database/data-source-options';
import { currentRun } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** http://127.0.0.1:PORT — the app really listens, so sockets can connect. */
  url: string;
  http: TestAgent;
  /** The mail worker context, when started with `{ worker: true }` in Redis mode (embedded mode runs jobs in the API). */
  worker: INestApplicationContext | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment overrides for this app (e.g. `{ DATABASE_URL: undefined }` for embedded mode). */
  env?: Record<string, string | undefined>;
  /** Also start the mail worker (a Nest application context consuming the Bull queue) in this process. */
  worker?: boolean;
}

/** Boots the real API (every module, the real database and Redis) on a free port. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Embedded runs (server-e2e-embedded): each app gets its own PGlite data dir; jobs run in-process.
  const embeddedDir =
    process.env.E2E_EMBEDDED && !options.env?.DATA_DIR ? mkdtempSync(join(tmpdir(), 'world-it-e2e-embedded-')) : null;
  if (embeddedDir) {
    const template = embeddedDataDir(currentRun().embeddedTemplateDir);
    if (existsSync(template)) cpSync(template, embeddedDataDir(embeddedDir), { recursive: true });
  }
  const env = embeddedDir ? { DATA_DIR: embeddedDir, MEDIA_DIR: join(embeddedDir, 'media') } : {};
  const config = loadConfig({ ...process.env, ...env, ...options.env });
  if (process.env.E2E_EMBEDDED && (!config.embedded || config.redisUrl)) {
    throw new Error('server-e2e-embedded must run without DATABASE_URL and REDIS_URL');
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: ['error'],
    abortOnError: false,
  });
  await configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let worker: INestApplicationContext | null = null;
  if (options.worker && config.redisUrl && !config.embedded) {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: ['error'],
      abortOnError: false,
    });
    await worker.init();
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    url,
    http: request(url),
    worker,
    async close() {
      await worker?.close();
      await app.close();
      if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
    },
  };
}
