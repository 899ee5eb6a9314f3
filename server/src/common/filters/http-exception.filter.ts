import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody } from '@world-it/contracts';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one exception filter: every error leaves as the contract's body
 * `{ statusCode, message, error }`. Client mistakes the framework or the database report (bad JSON,
 * a body too large, a malformed uuid, a duplicate key) become the 4xx they are; anything else is
 * logged and answered with a bare 500 that leaks no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (res.headersSent) return;
    // A response body of a shape of its own (e.g. Terminus' health report on 503) goes out unchanged.
    if (exception instanceof HttpException && hasOwnBody(exception.getResponse())) {
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = this.toBody(exception, req);
    if (body.statusCode === 429) setRetryAfter(res, exception);
    if (body.statusCode === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown, req?: Request): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return error(status, response);
      const r = response as Partial<ErrorBody> & Record<string, unknown>;
      return {
        ...r,
        statusCode: status,
        message: r.message ?? exception.message,
        error: typeof r.error === 'string' ? r.error : (REASONS[status] ?? 'Error'),
      } as ErrorBody;
    }
    const status = clientErrorStatus(exception);
    if (status !== null) return error(status, clientErrorMessage(exception, status));
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
        return error(400, 'A value has the wrong format');
      }
      // Safety nets behind validation: a NUL character in text, a required value left empty.
      if (code === '22021') return error(400, 'A text value holds a character that cannot be stored');
      if (code === '23502') return error(400, 'A required value is missing');
      if (code === '23505') return error(409, 'That already exists');
      if (code === '23503') return error(404, 'A referenced resource does not exist');
    }
    if (isDatabaseUnavailable(exception)) {
      this.log.warn(
        `${req?.method ?? ''} ${req?.originalUrl ?? ''}: the database is unavailable (${describe(exception)})`,
      );
      return error(HttpStatus.SERVICE_UNAVAILABLE, 'The database is unavailable; try again shortly');
    }
    this.log.error(
      { err: exception, method: req?.method, url: req?.originalUrl },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return error(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}

/**
 * An HttpException that knows when to come back: the filter sends its `Retry-After`.
 * Any 429 without one gets the longest per-throttler wait the throttler set (`Retry-After-ip`,
 * `Retry-After-email`), or a minute: every 429 carries the standard header (the contract).
 */
export class RetryLaterException extends HttpException {
  constructor(
    body: object,
    readonly retryAfterSeconds: number,
  ) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function setRetryAfter(res: Response, exception: unknown): void {
  let seconds = exception instanceof RetryLaterException ? exception.retryAfterSeconds : 0;
  if (!seconds) {
    for (const name of res.getHeaderNames()) {
      if (name.startsWith('retry-after-')) seconds = Math.max(seconds, Number(res.getHeader(name)) || 0);
    }
  }
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(seconds || 60))));
}

/** Error bodies carry `message`; a structured response without one is a report, not an error body. */
function hasOwnBody(response: string | object): boolean {
  return typeof response === 'object' && response !== null && !('message' in response);
}

function error(statusCode: number, message: string | string[]): ErrorBody {
  return { statusCode, message, error: REASONS[statusCode] ?? 'Error' };
}

/** Errors from body-parser, multer and friends carry a 4xx `status` of their own. */
function clientErrorStatus(exception: unknown): number | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const e = exception as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null;
  return status !== null && status >= 400 && status < 500 ? status : null;
}

function clientErrorMessage(exception: unknown, status: number): string {
  const type = (exception as { type?: string }).type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON';
  if (type === 'entity.too.large' || status === 413) return 'The request body is too large';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'Unsupported body encoding';
  return REASONS[status] ?? 'Bad request';
}

const DATABASE_RETRY_AFTER_SECONDS = 5;
/** Connection-level failures: the server is down, restarting or unreachable, not the query's fault. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const CONNECTION_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection terminated unexpectedly|Client has encountered a connection error/i;

/**
 * PostgreSQL went away (restart, failover, network): a 503 the client may retry, not a 500. SQLSTATE
 * class 08 is connection exceptions; 57P01–57P03 are an admin shutdown, a crash shutdown and
 * "cannot connect now" (starting up).
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const err = exception instanceof QueryFailedError ? (exception.driverError as unknown) : exception;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_ERRNO.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)))
    return true;
  return CONNECTION_MESSAGE.test(err.message);
}

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
