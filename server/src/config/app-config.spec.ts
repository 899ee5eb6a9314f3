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
    const secrets = { JWT_ACCESS_SECRET: 'a'.repeat(40), JWT_REFRESH_SECRET: 'b'.repeat(40) };
    expect(loadConfig(base()).logFormat).toBe('pretty');
    expect(loadConfig({ ...base(), NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ ...base(), NODE_ENV: 'production', ...secrets }).logFormat).toBe('json');
    expect(loadConfig({ ...base(), LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ ...base(), NODE_ENV: 'production', LOG_FORMAT: 'pretty', ...secrets }).logFormat).toBe(
      'pretty',
    );
  });

  it('demands real secrets in production and never falls back to a generated one', () => {
    expect(() => loadConfig({ ...base(), NODE_ENV: 'production' })).toThrow(
      /JWT_ACCESS_SECRET is required when NODE_ENV=production/,
    );
    const secrets = { JWT_ACCESS_SECRET: 'a'.repeat(40), JWT_REFRESH_SECRET: 'b'.repeat(40) };
    const c = loadConfig({ ...base(), NODE_ENV: 'production', ...secrets });
    expect(c.jwt.accessSecret).toBe('a'.repeat(40));
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
