import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../utils/create-test-app';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that leaves the body as sent (supertest and fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function decoded(res: RawResponse): Buffer {
  switch (res.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(res.body);
    case 'gzip':
      return gunzipSync(res.body);
    case undefined:
      return res.body;
    default:
      throw new Error(`unexpected content-encoding ${res.headers['content-encoding']}`);
  }
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const INDEX =
  '<!doctype html><html lang="en"><head><title>World IT</title></head><body><wit-root></wit-root></body></html>';
/** A bundle as Angular 21 names them, big enough to be worth compressing. */
const BUNDLE = Buffer.from(
  `export const messages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `m${i}`))};\n`,
);

/**
 * A built client as the build leaves it: hashed bundles with precompressed siblings (written by
 * scripts/precompress-client.mjs), one without, index.html, the real robots.txt and an image.
 */
function fakeClientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'world-it-client-'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'main-ABCD2345.js'), BUNDLE);
  writeFileSync(join(dir, 'main-ABCD2345.js.br'), brotliCompressSync(BUNDLE));
  writeFileSync(join(dir, 'main-ABCD2345.js.gz'), gzipSync(BUNDLE));
  writeFileSync(join(dir, 'chunk-PLAIN234.js'), BUNDLE);
  writeFileSync(join(dir, 'chunk-STALE234.js'), BUNDLE);
  writeFileSync(join(dir, 'chunk-STALE234.js.br'), brotliCompressSync(Buffer.from('export const old = 1;\n')));
  // The sibling predates its file: left over from an earlier build.
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(dir, 'chunk-STALE234.js'), later, later);
  writeFileSync(join(dir, 'photo-ABCD2345.png'), Buffer.alloc(4096, 7));
  copyFileSync(join(__dirname, '../../../client/public/robots.txt'), join(dir, 'robots.txt'));
  return dir;
}

describe('Serving: compression, caching and robots.txt', () => {
  let t: TestApp;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = fakeClientDir();
    t = await createTestApp({ env: { CLIENT_DIR: clientDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('sends a hashed bundle as its precompressed brotli file to a browser that accepts br, cached for a year', async () => {
    const res = await rawGet(`${t.url}/main-ABCD2345.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(Number(res.headers['content-length'])).toBe(brotliCompressSync(BUNDLE).length);
    expect(decoded(res).equals(BUNDLE)).toBe(true);
  });

  it('sends the gzip file when the browser accepts only gzip, and the plain file when it accepts neither', async () => {
    const gzip = await rawGet(`${t.url}/main-ABCD2345.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/^text\/javascript/);
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(decoded(gzip).equals(BUNDLE)).toBe(true);

    const plain = await rawGet(`${t.url}/main-ABCD2345.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(BUNDLE)).toBe(true);
  });

  it('compresses a bundle without a precompressed file on the fly, and never sends a stale one', async () => {
    const plain = await rawGet(`${t.url}/chunk-PLAIN234.js`, { 'accept-encoding': 'br' });
    expect(plain.headers['content-encoding']).toBe('br');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(decoded(plain).equals(BUNDLE)).toBe(true);

    const stale = await rawGet(`${t.url}/chunk-STALE234.js`, { 'accept-encoding': 'br' });
    expect(stale.status).toBe(200);
    expect(decoded(stale).equals(BUNDLE)).toBe(true);
  });

  it('compresses JSON responses with brotli or gzip as the request asks', async () => {
    const br = await rawGet(`${t.url}/api/docs-json`, { 'accept-encoding': 'br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(decoded(br).toString('utf8'))).toMatchObject({ openapi: expect.stringMatching(/^3\./) });

    const gzip = await rawGet(`${t.url}/api/docs-json`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip).equals(decoded(br))).toBe(true);
    expect(gzip.body.length).toBeLessThan(decoded(gzip).length / 3);
  });

  it('leaves images as they are', async () => {
    const res = await rawGet(`${t.url}/photo-ABCD2345.png`, { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBe(4096);
  });

  it('answers deep links with index.html, revalidated on every visit', async () => {
    for (const path of ['/', '/chats/some-room', '/login']) {
      const res = await rawGet(`${t.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(decoded(res).toString('utf8')).toBe(INDEX);
    }
  });

  it('serves a real robots.txt: plain text that keeps crawlers out of the API', async () => {
    const res = await rawGet(`${t.url}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const text = res.body.toString('utf8');
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Allow: \/$/m);
    expect(text).toMatch(/^Disallow: \/api\/$/m);
    expect(text).not.toContain('<html');
  });

  it('answers a missing file with 404, not with index.html', async () => {
    for (const path of ['/chunk-GONE2345.js', '/styles-GONE2345.css', '/favicon.ico']) {
      const res = await rawGet(`${t.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
    }
  });

  it('refuses paths that leave the client directory', async () => {
    const res = await rawGet(`${t.url}/%2e%2e/%2e%2e/package.json`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
    expect(res.body.toString('utf8')).not.toContain('"dependencies"');
  });

  it('sends no HSTS and no upgrade-insecure-requests for an http public address (a LAN install)', async () => {
    expect(t.config.publicUrl).toMatch(/^http:/);
    const res = await rawGet(`${t.url}/login`);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('Serving: behind an https public address', () => {
  let t: TestApp;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = fakeClientDir();
    t = await createTestApp({ env: { CLIENT_DIR: clientDir, PUBLIC_URL: 'https://world-it.example' } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('sends HSTS for this host and upgrade-insecure-requests', async () => {
    const res = await rawGet(`${t.url}/login`);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const api = await rawGet(`${t.url}/api/health`);
    expect(api.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
