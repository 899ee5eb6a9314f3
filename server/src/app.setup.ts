import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Server } from 'node:http';
import compression from 'compression';
import type { Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { AppLogger } from './common/logging/app-logger';
import { serveClient } from './common/http/serve-client';
import { InputTextPipe, limitBodyDepth } from './common/validation/input-text';
import { AppConfig } from './config/app-config';
import { LeanIoAdapter } from './common/lean-io.adapter';
import { RedisIoAdapter } from './common/redis-io.adapter';
import { documentRateLimits } from './common/rate-limit/rate-limit.guard';
import { serveMedia } from './media/media-static';
import { AppMetrics } from './metrics/app-metrics';
import { mountQueueDashboard } from './admin/queue-dashboard/queue-dashboard';
import { httpMetrics } from './metrics/http-metrics';

/** Everything an API process needs besides its modules; shared by main.ts and the e2e tests. */
export async function configureApp(app: NestExpressApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(AppLogger));
  // First, so the latency measured is the whole request's (the scrape itself is left out).
  app.use(httpMetrics(app.get(AppMetrics)));
  app.set('trust proxy', trustProxyValue(config.trustProxy));
  keepConnectionsLongerThanClients(app.getHttpServer() as Server);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(limitBodyDepth());
  app.use(compressResponses());
  app.use(helmet(securityHeaders(config)));
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new InputTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  } else {
    app.useWebSocketAdapter(new LeanIoAdapter(app));
  }
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'World IT API',
    swaggerOptions: { persistAuthorization: true },
  });
  mountQueueDashboard(app);
  serveMedia(app, config.mediaDir);
  serveClient(app, config.clientDir);
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('World IT API')
    .setDescription('REST API of World IT: accounts, profiles, friendships, chat, posts and administration.')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  return documentRateLimits(SwaggerModule.createDocument(app, doc));
}

/**
 * Compresses JSON and other compressible responses on the fly (brotli at a fast level, or gzip, as
 * the request accepts). Images are skipped by type; a response that is already encoded (a
 * precompressed client file) passes through; socket.io never reaches express.
 */
function compressResponses() {
  return compression({
    filter: (req: Request, res: Response) => !req.path.startsWith('/socket.io/') && compression.filter(req, res),
  });
}

/**
 * Helmet's defaults, plus what the client needs (data:/blob: images, websockets). HSTS and
 * `upgrade-insecure-requests` only when the public address is https: sent over plain http (a LAN
 * install) they would make the browser insist on an https the server does not have.
 */
export function securityHeaders(config: Pick<AppConfig, 'publicUrl'>): HelmetOptions {
  const https = new URL(config.publicUrl).protocol === 'https:';
  return {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // This host only: other hosts under the same domain may well be plain http.
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: false } : false,
  };
}

/** `TRUST_PROXY`: true/false, a hop count, or express's names and subnets (loopback, uniquelocal, 10.0.0.0/8). */
function trustProxyValue(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/**
 * Node closes an idle keep-alive connection after 5 s, about when clients (undici: 4 s, browsers,
 * proxies) reuse it: a request sent as the server closes fails with "other side closed". Idle
 * connections are kept longer than any client keeps them, so the client always closes first.
 */
function keepConnectionsLongerThanClients(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
