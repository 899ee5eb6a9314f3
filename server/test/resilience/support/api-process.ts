import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import type { AuthResponse } from '@world-it/contracts';
import { Client } from 'pg';
import { currentRun } from '../../utils/test-env';

const ROOT = join(__dirname, '../../../..');
/** The built API, as `npm start` runs it (scripts/test.mjs builds it before any test runs). */
export const API_ENTRY = join(ROOT, 'dist/server/server/src/main.js');
export const WORKER_ENTRY = join(ROOT, 'dist/server/server/src/worker.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** One real API process on this run's resilience database and Redis (or whatever `env` overrides). */
export class ApiProcess {
  readonly url: string;
  readonly exited: Promise<number | null>;
  private out = '';
  private readonly proc: ChildProcess;

  constructor(
    readonly port: number,
    env: Record<string, string | undefined> = {},
    entry = API_ENTRY,
  ) {
    const run = currentRun();
    const merged: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: run.resilience.databaseUrl,
      REDIS_URL: run.redisUrl,
      QUEUE_PREFIX: run.resilience.queuePrefix,
      DATA_DIR: run.dataDir,
      MEDIA_DIR: join(run.dataDir, 'media'),
      LOG_LEVEL: 'warn',
      ...env,
    };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    this.url = `http://127.0.0.1:${port}`;
    this.proc = spawn(process.execPath, [entry], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.proc.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  static async start(env: Record<string, string | undefined> = {}, port?: number): Promise<ApiProcess> {
    const api = new ApiProcess(port ?? (await freePort()), env);
    await api.healthy();
    return api;
  }

  /** The mail worker (no HTTP): ready once it says so. */
  static async startWorker(env: Record<string, string | undefined> = {}): Promise<ApiProcess> {
    const worker = new ApiProcess(0, { LOG_LEVEL: 'info', ...env }, WORKER_ENTRY);
    const deadline = Date.now() + 90_000;
    while (!/worker ready/i.test(worker.out)) {
      if (!worker.alive || Date.now() > deadline) throw new Error(`worker did not start\n${worker.out.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return worker;
  }

  output(): string {
    return this.out;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Resolves once /api/health answers 200 (a start on a busy 2-core machine is slow: 90 s budget). */
  async healthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.alive) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`API not healthy at ${this.url}${this.alive ? '' : ' (it exited)'}\n${this.out.slice(-4000)}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    this.proc.kill(signal);
    await this.exited;
  }
}

let defaultHash: Promise<string> | null = null;
export const PASSWORD = 'resilience-password-1';

/**
 * A confirmed user inserted straight into this run's database, signed in through the real login route
 * of `api` (so the tokens are the process's own).
 */
export async function signedInUser(
  api: ApiProcess,
  role: 'user' | 'admin' = 'user',
): Promise<AuthResponse & { email: string }> {
  defaultHash ??= hash(PASSWORD);
  const email = `res-${randomBytes(5).toString('hex')}@example.test`;
  const db = new Client({ connectionString: currentRun().resilience.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (email, password_hash, confirmed, role, display_name) VALUES ($1, $2, true, $3, $4)`,
      [email, await defaultHash, role, `Res ${email.slice(4, 9)}`],
    );
  } finally {
    await db.end();
  }
  const res = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { ...((await res.json()) as AuthResponse), email };
}
