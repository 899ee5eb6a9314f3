import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'world-it-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const base = () => ({ DATA_DIR: dataDir });
  /** What a production deployment sets at the least: real secrets and a real mail server. */
  const prod = () => ({
    ...base(),
    NODE_ENV: 'production',
    JWT_ACCESS_SECRET: 'k3J9x-Qm2Vw8Zr4Tb7Ny1Lp6Hs0Df5Gc',
    JWT_REFRESH_SECRET: 'Wq8Er4Ty2Ui6Op0As3Df7Gh1Jk5Lz9Xc',
    SMTP_URL: 'smtp://mail.example.com:587',
  });

  it('uses the documented defaults: port 3000, embedded database, in-process jobs, 20 auth requests/min', () => {
    const c = loadConfig(base());
    expect(c.port).toBe(3000);
    expect(c.embedded).toBe(true);
    expect(c.redisUrl).toBeNull();
    expect(c.smtpUrl).toBeNull();
    expect(c.rateLimitAuth).toBe(20);
    expect(c.rateLimitSocketMessages).toBe(20);
    expect(c.rateLimits).toEqual({ uploads: 30, posts: 30, likes: 120, writes: 120 });
    expect(c.mediaDir).toBe(join(dataDir, 'media'));
    expect(c.jwt.accessTtlSeconds).toBe(900);
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must use postgres/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['NODE_ENV', 'staging', /NODE_ENV must be/],
    ['JWT_ACCESS_TTL', '15 minutes', /JWT_ACCESS_TTL must be a duration/],
    ['ADMIN_EMAILS', 'a@b.c, nope', /ADMIN_EMAILS has an invalid email "nope"/],
    ['RATE_LIMIT_AUTH', '0', /RATE_LIMIT_AUTH must be between/],
    ['JWT_ACCESS_SECRET', 'short', /JWT_ACCESS_SECRET must be at least 32/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT must be pretty or json/],
  ])('stops on a bad %s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ ...base(), [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base(), [name]: value })).toThrow(message);
  });

  it('logs readable lines in development and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig(base()).logFormat).toBe('pretty');
    expect(loadConfig({ ...base(), NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig(prod()).logFormat).toBe('json');
    expect(loadConfig({ ...base(), LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ ...prod(), LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('demands real secrets in production and never falls back to a generated one', () => {
    const { JWT_ACCESS_SECRET: _unset, ...withoutAccess } = prod();
    expect(() => loadConfig(withoutAccess)).toThrow(/JWT_ACCESS_SECRET is required when NODE_ENV=production/);
    const c = loadConfig(prod());
    expect(c.jwt.accessSecret).toBe(prod().JWT_ACCESS_SECRET);
    expect(c.isProduction).toBe(true);
  });

  it.each([
    ['JWT_ACCESS_SECRET', 'short-but-random-Xq9', /JWT_ACCESS_SECRET must be at least 32 characters/],
    ['JWT_REFRESH_SECRET', 'change-me-change-me-change-me-123456', /JWT_REFRESH_SECRET is a placeholder/],
    ['JWT_ACCESS_SECRET', 'replace_me_with_a_long_random_value_0123', /JWT_ACCESS_SECRET is a placeholder/],
    ['JWT_ACCESS_SECRET', 'your-secret-key-goes-here-0123456789', /JWT_ACCESS_SECRET is a placeholder/],
    ['JWT_ACCESS_SECRET', 'secretsecretsecretsecretsecretsecret', /JWT_ACCESS_SECRET is a placeholder/],
    ['JWT_REFRESH_SECRET', 'a'.repeat(40), /JWT_REFRESH_SECRET is not random enough/],
    ['JWT_ACCESS_SECRET', '0123012301230123012301230123012301', /JWT_ACCESS_SECRET is not random enough/],
    ['CORS_ORIGINS', '*', /CORS_ORIGINS must list exact origins in production, not a wildcard/],
    ['CORS_ORIGINS', 'https://world-it.example, *', /CORS_ORIGINS must list exact origins/],
    ['CORS_ORIGINS', 'https://*.world-it.example', /CORS_ORIGINS must list exact origins/],
    ['SMTP_URL', '', /SMTP_URL is required when NODE_ENV=production .*development outbox/],
    ['METRICS_TOKEN', 'short-metrics-token', /METRICS_TOKEN must be at least 32 characters/],
    ['METRICS_TOKEN', 'change-me-metrics-token-0123456789', /METRICS_TOKEN is a placeholder/],
  ])('refuses to start in production with %s=%j, naming the variable', (name, value, message) => {
    const env = { ...prod(), [name]: value };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe(name);
    }
  });

  it('leaves METRICS_TOKEN optional (loopback-only metrics) and takes a real one, in production too', () => {
    expect(loadConfig(base()).metricsToken).toBeNull();
    expect(loadConfig(prod()).metricsToken).toBeNull();
    const token = 'Zx8Cv4Bn2Mq6Wr0Ty3Ui7Op1As5Df9Gh';
    expect(loadConfig({ ...prod(), METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it('refuses the same secret for access and refresh tokens in production', () => {
    const env = { ...prod(), JWT_REFRESH_SECRET: prod().JWT_ACCESS_SECRET };
    expect(() => loadConfig(env)).toThrow(/JWT_REFRESH_SECRET must differ from JWT_ACCESS_SECRET/);
  });

  it('keeps development convenient: a wildcard origin, the dev outbox and any 32+ character secret start', () => {
    const c = loadConfig({ ...base(), CORS_ORIGINS: '*', JWT_ACCESS_SECRET: 'a'.repeat(32) });
    expect(c.corsOrigins).toEqual(['*']);
    expect(c.smtpUrl).toBeNull();
    expect(c.jwt.accessSecret).toBe('a'.repeat(32));
  });

  it('outside production keeps one generated secret per data dir, so sessions survive restarts', () => {
    const first = loadConfig(base());
    const second = loadConfig(base());
    expect(first.jwt.accessSecret).toHaveLength(64);
    expect(second.jwt.accessSecret).toBe(first.jwt.accessSecret);
    expect(first.jwt.refreshSecret).not.toBe(first.jwt.accessSecret);
  });

  it('parses durations, admin emails (lower-cased) and the real services', () => {
    const c = loadConfig({
      ...base(),
      JWT_ACCESS_TTL: '10m',
      JWT_REFRESH_TTL: '7d',
      ADMIN_EMAILS: 'Root@Example.com, ops@example.com',
      DATABASE_URL: 'postgres://u@h:5432/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(c.jwt.accessTtlSeconds).toBe(600);
    expect(c.jwt.refreshTtlSeconds).toBe(7 * 86400);
    expect(c.adminEmails).toEqual(['root@example.com', 'ops@example.com']);
    expect(c.embedded).toBe(false);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });
});
