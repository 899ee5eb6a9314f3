import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The one typed configuration object; built once at boot from the validated environment. */
export class AppConfig {
  readonly nodeEnv!: 'development' | 'production' | 'test';
  readonly isProduction!: boolean;
  readonly port!: number;
  readonly publicUrl!: string;
  readonly corsOrigins!: string[];
  readonly dataDir!: string;
  readonly databaseUrl!: string | null;
  readonly redisUrl!: string | null;
  readonly queuePrefix!: string;
  readonly jwt!: {
    accessSecret: string;
    refreshSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  readonly smtpUrl!: string | null;
  readonly mailFrom!: string;
  readonly mediaDir!: string;
  /** Where data export archives are written (never served as static files: only through their token). */
  readonly exportsDir!: string;
  readonly clientDir!: string;
  readonly adminEmails!: string[];
  readonly rateLimitAuth!: number;
  readonly rateLimitSocketMessages!: number;
  /** Per-user budgets per minute of the HTTP write buckets (see common/rate-limit/rate-limits.ts). */
  readonly rateLimits!: { uploads: number; posts: number; likes: number; writes: number };
  readonly unreadDigestDelaySeconds!: number;
  readonly bodyLimit!: string;
  /** Express `trust proxy`: which proxies may set X-Forwarded-For (the client IP rate limits use). */
  readonly trustProxy!: string;
  readonly logLevel!: string;
  /** `pretty`: short readable lines (development); `json`: one JSON object per line (production, log collectors). */
  readonly logFormat!: 'pretty' | 'json';
  /** Bearer token `/api/metrics` demands; null: the route answers loopback clients only. */
  readonly metricsToken!: string | null;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }

  get embedded(): boolean {
    return this.databaseUrl === null;
  }
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

/** "15m", "900", "7d" → seconds. */
function duration(env: Env, name: string, fallback: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const m = /^(\d+)\s*([smhd]?)$/.exec(raw);
  if (!m) throw new ConfigError(name, `must be a duration like 900, 15m, 12h or 30d, got "${raw}"`);
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(m[1]) * factor;
  if (seconds < 1) throw new ConfigError(name, 'must be at least one second');
  return seconds;
}

/** Words of a placeholder someone forgot to replace (docs, tutorials, templates). */
const PLACEHOLDER_SECRET =
  /change[-_ ]?me|change[-_ ]?this|replace[-_ ]?me|your[-_ ]?secret|placeholder|^(secret|password)+$/i;

function secret(env: Env, name: string, isProduction: boolean, dataDir: string): string {
  const raw = optionalSecret(env, name, isProduction);
  if (raw !== null) return raw;
  if (isProduction) throw new ConfigError(name, 'is required when NODE_ENV=production');
  return devSecret(name, dataDir);
}

/** A secret that may be left unset; when set, it follows the same rules as the required ones. */
function optionalSecret(env: Env, name: string, isProduction: boolean): string | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  if (isProduction && PLACEHOLDER_SECRET.test(raw)) {
    throw new ConfigError(name, 'is a placeholder: set a random value, e.g. `openssl rand -base64 48`');
  }
  if (isProduction && new Set(raw).size < 10) {
    throw new ConfigError(name, 'is not random enough (fewer than 10 different characters)');
  }
  return raw;
}

/** Outside production a missing secret is generated once and kept under the data dir, so sessions survive restarts. */
function devSecret(name: string, dataDir: string): string {
  const file = join(dataDir, 'dev-secrets.json');
  let secrets: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      secrets = {};
    }
  }
  if (!secrets[name]) {
    secrets[name] = randomBytes(48).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const isProduction = nodeEnv === 'production';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const dataDir = resolve(str(env, 'DATA_DIR') ?? '.data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) ?? null;
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']) ?? null;
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']) ?? null;
  const mailFrom = str(env, 'MAIL_FROM') ?? 'World IT <no-reply@world-it.local>';
  if (!/^[^<>]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(mailFrom)) {
    throw new ConfigError('MAIL_FROM', `must be an address like "World IT <no-reply@example.com>", got "${mailFrom}"`);
  }
  const adminEmails = (str(env, 'ADMIN_EMAILS') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const e of adminEmails) {
    if (!/^[^@\s]+@[^@\s]+$/.test(e)) throw new ConfigError('ADMIN_EMAILS', `has an invalid email "${e}"`);
  }
  const corsOrigins = (str(env, 'CORS_ORIGINS') ?? publicUrl)
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const logLevel = str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`,
    );
  }
  const logFormat = str(env, 'LOG_FORMAT') ?? (nodeEnv === 'development' ? 'pretty' : 'json');
  if (logFormat !== 'pretty' && logFormat !== 'json') {
    throw new ConfigError('LOG_FORMAT', `must be pretty or json, got "${logFormat}"`);
  }
  const bodyLimit = str(env, 'BODY_LIMIT') ?? '100kb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit))
    throw new ConfigError('BODY_LIMIT', `must look like 100kb or 1mb, got "${bodyLimit}"`);

  const jwt = {
    accessSecret: secret(env, 'JWT_ACCESS_SECRET', isProduction, dataDir),
    refreshSecret: secret(env, 'JWT_REFRESH_SECRET', isProduction, dataDir),
    accessTtlSeconds: duration(env, 'JWT_ACCESS_TTL', 15 * 60),
    refreshTtlSeconds: duration(env, 'JWT_REFRESH_TTL', 30 * 86400),
  };
  if (isProduction && jwt.accessSecret === jwt.refreshSecret) {
    throw new ConfigError('JWT_REFRESH_SECRET', 'must differ from JWT_ACCESS_SECRET');
  }

  if (isProduction && corsOrigins.some((o) => o.includes('*'))) {
    throw new ConfigError('CORS_ORIGINS', 'must list exact origins in production, not a wildcard "*"');
  }
  if (isProduction && smtpUrl === null) {
    throw new ConfigError(
      'SMTP_URL',
      'is required when NODE_ENV=production (without it mail would go to the development outbox)',
    );
  }

  return new AppConfig({
    nodeEnv,
    isProduction,
    port,
    publicUrl,
    corsOrigins,
    dataDir,
    databaseUrl,
    redisUrl,
    queuePrefix: str(env, 'QUEUE_PREFIX') ?? 'world-it',
    jwt,
    smtpUrl,
    mailFrom,
    mediaDir: resolve(str(env, 'MEDIA_DIR') ?? join(dataDir, 'media')),
    exportsDir: resolve(str(env, 'EXPORTS_DIR') ?? join(dataDir, 'exports')),
    clientDir: resolve(str(env, 'CLIENT_DIR') ?? 'dist/client/browser'),
    adminEmails,
    rateLimitAuth: int(env, 'RATE_LIMIT_AUTH', 20, 1, 1_000_000),
    rateLimitSocketMessages: int(env, 'RATE_LIMIT_SOCKET_MESSAGES', 20, 1, 1_000_000),
    rateLimits: {
      uploads: int(env, 'RATE_LIMIT_UPLOADS', 30, 1, 1_000_000),
      posts: int(env, 'RATE_LIMIT_POSTS', 30, 1, 1_000_000),
      likes: int(env, 'RATE_LIMIT_LIKES', 120, 1, 1_000_000),
      writes: int(env, 'RATE_LIMIT_WRITES', 120, 1, 1_000_000),
    },
    unreadDigestDelaySeconds: int(env, 'UNREAD_DIGEST_DELAY', 600, 1, 7 * 86400),
    bodyLimit,
    trustProxy: str(env, 'TRUST_PROXY') ?? 'loopback',
    logLevel,
    logFormat,
    metricsToken: optionalSecret(env, 'METRICS_TOKEN', isProduction),
  } as AppConfig);
}
