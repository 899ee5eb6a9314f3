import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../utils/create-test-app';

describe('Foundation: HTTP basics on PostgreSQL + Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database and Redis as up on /api/health', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('answers an unknown /api route with a JSON 404 in the contract error shape', async () => {
    const res = await t.http.get('/api/no-such-thing').expect(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'Cannot GET /api/no-such-thing', error: 'Not Found' });
  });

  it('serves Swagger UI and the OpenAPI JSON with bearer auth', async () => {
    await t.http.get('/api/docs').expect(200).expect('content-type', /html/);
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
    expect(doc.body.paths['/api/health']).toBeDefined();
  });

  it('matches the committed OpenAPI document, so API changes show in review (UPDATE_OPENAPI=1 rewrites it)', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as object;
    const file = join(__dirname, '../../openapi.json');
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    expect(doc).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('answers malformed JSON with 400 and an oversized body with 413, never 5xx', async () => {
    const bad = await t.http.post('/api/health').set('content-type', 'application/json').send('{"a":').expect(400);
    expect(bad.body.statusCode).toBe(400);
    expect(bad.body.error).toBe('Bad Request');
    const big = await t.http
      .post('/api/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(200_000) }))
      .expect(413);
    expect(big.body).toEqual({ statusCode: 413, message: 'The request body is too large', error: 'Payload Too Large' });
  });

  it('gives every request an id and echoes a well-formed one back', async () => {
    const made = await t.http.get('/api/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.http.get('/api/health').set('x-request-id', 'trace-123');
    expect(given.headers['x-request-id']).toBe('trace-123');
  });

  it('sends security headers (helmet)', async () => {
    const res = await t.http.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS for the client origin only', async () => {
    const ok = await t.http
      .options('/api/health')
      .set('Origin', t.config.corsOrigins[0])
      .set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe(t.config.corsOrigins[0]);
    const other = await t.http
      .options('/api/health')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('has applied every migration to the run database', async () => {
    const ds = t.app.get(DataSource);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('keeps the entities and the migrations in sync (no schema change pending)', async () => {
    const ds = t.app.get(DataSource);
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});

describe('Foundation: health when the database is down', () => {
  it('answers 503 with the database reported down', async () => {
    const t = await createTestApp();
    try {
      await t.app.get(DataSource).destroy();
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error.database.status).toBe('down');
      expect(res.body.info.redis.status).toBe('up');
    } finally {
      await t.close();
    }
  });
});

describe('Foundation: embedded mode (no DATABASE_URL, no REDIS_URL)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'world-it-embedded-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const embeddedEnv = () => ({ DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir });

  it('runs on PGlite with the same migrations, keeps data across restarts, and refuses a second opener', async () => {
    const first = await createTestApp({ env: embeddedEnv() });
    try {
      const health = await first.http.get('/api/health').expect(200);
      expect(health.body.info.database.status).toBe('up');
      expect(health.body.info.redis).toBeUndefined();
      const ds = first.app.get(DataSource);
      expect(await ds.showMigrations()).toBe(false);
      await ds.query('CREATE TABLE IF NOT EXISTS restart_probe (v text)');
      await ds.query(`INSERT INTO restart_probe VALUES ('kept')`);

      // The lock file names this live process: another opener of the same directory is refused.
      await expect(createTestApp({ env: embeddedEnv() })).rejects.toThrow(/in use by another process/);
    } finally {
      await first.close();
    }

    const second = await createTestApp({ env: embeddedEnv() });
    try {
      const rows: Array<{ v: string }> = await second.app.get(DataSource).query('SELECT v FROM restart_probe');
      expect(rows).toEqual([{ v: 'kept' }]);
    } finally {
      await second.close();
    }
    // Two cold PGlite starts, each running every migration: a budget for a busy 2-core machine, not a target.
  }, 90_000);
});
