import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port';

const ROOT = join(__dirname, '../..');
const API_ENTRY = join(ROOT, 'dist/server/server/src/main.js');

jest.setTimeout(150_000);

/** The built API as `npm start` runs it with no DATABASE_URL / REDIS_URL: embedded PGlite, in-process jobs. */
function startEmbedded(
  dataDir: string,
  port: number,
): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SMTP_URL;
  const proc = spawn(process.execPath, [API_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

/** Healthy within 90 s (a first PGlite start on a busy 2-core machine is slow); says why not otherwise. */
async function waitHealthy(url: string, api: { exited: Promise<unknown>; output: () => string }): Promise<void> {
  let done = false;
  void api.exited.then(() => (done = true));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !done) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not healthy: ${url}${done ? ' (the process exited)' : ''}\n${api.output()}`);
}

describe('the API process (embedded mode, as `npm start` runs it)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'world-it-process-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves health and docs, refuses a second process on the same data dir, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const api = startEmbedded(dataDir, port);
    try {
      await waitHealthy(`http://127.0.0.1:${port}/api/health`, api);
      expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);

      const second = startEmbedded(dataDir, await freePort());
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toMatch(/in use by another process/);

      api.proc.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      if (api.proc.exitCode === null) api.proc.kill('SIGKILL');
    }
  });

  it('refuses to start on a bad configuration value, naming the variable', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'not-a-port', DATA_DIR: dataDir };
    const proc = spawn(process.execPath, [API_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('Invalid configuration: PORT must be a whole number, got "not-a-port"');
  });
});
