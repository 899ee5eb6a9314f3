import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '../../config/app-config';
import { AppLogger } from './app-logger';

const REQUEST_ID = /^[\w.-]{1,64}$/;

type PinoHttpOptions = Exclude<NonNullable<Params['pinoHttp']>, unknown[]> & { level?: string };

/**
 * Logs through pino, every request with an id taken from `x-request-id` or made, and echoed back.
 * `LOG_FORMAT=json` (production, tests): one JSON object per line for a log collector.
 * `LOG_FORMAT=pretty` (development): `12:03:04 INFO [Context] message`, written synchronously so
 * the lines keep their order with anything else the process prints.
 */
@Module({})
export class AppLoggerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const options: PinoHttpOptions = {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => {
          const path = req.url?.split('?')[0];
          return !path?.startsWith('/api') || path === '/api/health' || path === '/api/metrics';
        },
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    };
    const pinoHttp: Params['pinoHttp'] =
      config.logFormat === 'pretty'
        ? [
            {
              ...options,
              customSuccessMessage: (req, res, ms) => `${req.method} ${req.url} ${res.statusCode} ${Math.round(ms)} ms`,
              customErrorMessage: (req, res, err) => `${req.method} ${req.url} ${res.statusCode} ${err.message}`,
            },
            pretty({
              sync: true,
              colorize: process.stdout.isTTY,
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,context,req,res,responseTime',
              messageFormat: (log, messageKey) =>
                typeof log.context === 'string'
                  ? `[${log.context}] ${String(log[messageKey])}`
                  : String(log[messageKey]),
            }),
          ]
        : options;
    return {
      module: AppLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp,
          // Express 5 path syntax; nestjs-pino's default '*' makes Nest warn (LegacyRouteConverter) at boot.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      providers: [AppLogger],
      exports: [LoggerModule, AppLogger],
    };
  }
}
