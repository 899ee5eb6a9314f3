import { Injectable, type LoggerService } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/**
 * Nest's start-up chatter: a line per module initialised, per route and per socket handler mapped.
 * Useful when debugging the wiring, noise otherwise (about 130 lines on every start).
 */
const START_UP_CONTEXTS = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
]);

/** Whether a `log` call (the context is the last argument) is start-up chatter, kept for LOG_LEVEL=debug. */
export function isStartUpChatter(params: readonly unknown[]): boolean {
  const context = params[params.length - 1];
  return typeof context === 'string' && START_UP_CONTEXTS.has(context);
}

/** The application's Nest logger: pino (nestjs-pino), with Nest's start-up chatter moved to debug. */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    if (isStartUpChatter(params)) this.pino.debug(message, ...params);
    else this.pino.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.pino.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.pino.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.pino.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.pino.verbose(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(message, ...params);
  }
}
