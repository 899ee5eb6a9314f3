import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthResponse } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, DEFAULT_PASSWORD, uniqueEmail, type TestUser } from '../factories/users';
import { chatSockets, disconnected } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

const ROOT = join(__dirname, '../../..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run admin -- ARGS` as its own OS process: the entry `npm run admin` runs once built
 * (dist/server/server/src/admin-cli.js), here straight from the source through ts-node.
 */
function adminCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // The built tool, as `npm run admin` runs it (scripts/test.mjs builds the server before any test).
    const child = spawn(process.execPath, [join(ROOT, 'dist/server/server/src/admin-cli.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Admin across API processes (PostgreSQL + Redis)', () => {
  let one: TestApp;
  let two: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    [one, two] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('a ban on one process drops the user’s sockets on both, at once', async () => {
    const [admin, u] = [await createUser(one, { role: 'admin' }), await createUser(one)];
    const second = (
      await two.http.post('/api/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD }).expect(200)
    ).body as AuthResponse;
    const [here, there, thereToo] = [
      await chat.connect(one.url, u.accessToken),
      await chat.connect(two.url, u.accessToken),
      await chat.connect(two.url, second.accessToken),
    ];
    const gone = [here, there, thereToo].map((c) => disconnected(c));
    await one.http.post(`/api/admin/users/${u.user.id}/ban`).set(bearer(admin.accessToken)).expect(204);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    await two.http.get('/api/auth/me').set(bearer(second.accessToken)).expect(401);
  });
});

describe('npm run admin -- grant|revoke EMAIL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const roleOf = async (u: TestUser): Promise<string> =>
    (
      (await t.app.get(DataSource).query(`SELECT role FROM users WHERE id = $1`, [u.user.id])) as Array<{
        role: string;
      }>
    )[0].role;

  it('grants and revokes the admin role in the database DATABASE_URL names, while the API runs', async () => {
    const u = await createUser(t, { email: uniqueEmail('Promoted') });
    await t.http.get('/api/admin/stats').set(bearer(u.accessToken)).expect(403);

    // The address in another case: emails are matched case-insensitively.
    const granted = await adminCli(['grant', u.email.toUpperCase()], {});
    expect(granted).toMatchObject({ code: 0, stderr: '' });
    expect(granted.stdout).toContain(`${u.email} is now an admin (role admin)`);
    expect(await roleOf(u)).toBe('admin');
    // The same access token: the role is read from the database on every request.
    await t.http.get('/api/admin/stats').set(bearer(u.accessToken)).expect(200);

    const again = await adminCli(['grant', u.email], {});
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('already has the role admin: nothing changed');

    const revoked = await adminCli(['revoke', u.email], {});
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toContain(`${u.email} is no longer an admin (role user)`);
    expect(await roleOf(u)).toBe('user');
    await t.http.get('/api/admin/stats').set(bearer(u.accessToken)).expect(403);
  }, 60_000);

  it('warns when revoking an address ADMIN_EMAILS would grant again at the next sign-in', async () => {
    const u = await createUser(t, { role: 'admin' });
    const res = await adminCli(['revoke', u.email], { ADMIN_EMAILS: `someone@example.test,${u.email}` });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('is listed in ADMIN_EMAILS');
    expect(await roleOf(u)).toBe('user');
  }, 30_000);

  it('exits 1 with a message for an unknown email, 2 with the usage for bad arguments', async () => {
    const email = uniqueEmail('nobody');
    expect(await adminCli(['grant', email], {})).toEqual({
      code: 1,
      stdout: '',
      stderr: `No account with the email ${email}\n`,
    });
    for (const args of [[], ['grant'], ['promote', email], ['grant', email, 'extra']]) {
      const res = await adminCli(args, {});
      expect([args, res.code, res.stderr]).toEqual([args, 2, 'usage: npm run admin -- grant EMAIL | revoke EMAIL\n']);
    }
  }, 60_000);
});

describe('npm run admin on the embedded database (no DATABASE_URL)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'world-it-admin-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const embeddedEnv = () => ({ DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir });

  it('refuses with a clear message while the API holds the database, and works once it is stopped', async () => {
    const api = await createTestApp({ env: embeddedEnv() });
    let email: string;
    try {
      email = (await createUser(api)).email;
      const refused = await adminCli(['grant', email], embeddedEnv());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('in use by another process');
      expect(refused.stderr).toContain('stop it and try again');
    } finally {
      await api.close();
    }

    const granted = await adminCli(['grant', email], embeddedEnv());
    expect(granted).toMatchObject({ code: 0, stderr: '' });
    expect(granted.stdout).toContain(`${email} is now an admin`);

    const restarted = await createTestApp({ env: embeddedEnv() });
    try {
      const res = await restarted.http.post('/api/auth/login').send({ email, password: DEFAULT_PASSWORD }).expect(200);
      expect((res.body as AuthResponse).user.role).toBe('admin');
      await restarted.http
        .get('/api/admin/stats')
        .set(bearer((res.body as AuthResponse).accessToken))
        .expect(200);
    } finally {
      await restarted.close();
    }
    // Three cold PGlite opens (two apps, one tool): a budget for a busy 2-core machine, not a target.
  }, 120_000);
});
