// `npm run bench`: starts the built API + mail worker on a scratch PostgreSQL database and Redis,
// then measures what the product promises: a history page costs the same at 1,000 or 300,000
// messages, messages are acknowledged and delivered live quickly, the room list stays fast, and
// Lighthouse (mobile, simulated throttling) scores /login, /register and the signed-in /chats page
// Performance ≥ 90 and Accessibility 100.
// Needs PostgreSQL and Redis on 127.0.0.1 (or BENCH_PG_ADMIN_URL / BENCH_REDIS_URL) and Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium). `npm run bench -- api` or `-- lighthouse` runs one part;
// BENCH_LIGHTHOUSE_RUNS (default 3) audits per page, the median kept.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildIfNeeded } from './build-if-needed.mjs';
import { lighthouseScores, lighthouseTargets } from './bench-lighthouse.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { io } = require('socket.io-client');

const ROOT = new URL('..', import.meta.url).pathname;
const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const BIG = Number(process.env.BENCH_BIG_ROOM ?? 300_000);
const SMALL = 1_000;
const ITER = 200;
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const PARTS = ['api', 'lighthouse'];
const chosen = process.argv.slice(2);
for (const part of chosen)
  if (!PARTS.includes(part)) throw new Error(`unknown bench part "${part}" (${PARTS.join(', ')})`);
const parts = chosen.length ? chosen : PARTS;

buildIfNeeded();

const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const dbName = `world_it_bench_${id}`;
const dbUrl = (() => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'world-it-bench-'));
const children = [];

async function admin(sql) {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function start(entry) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/server/server/src', entry)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      REDIS_URL: REDIS,
      QUEUE_PREFIX: `world-it-bench-${id}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      RATE_LIMIT_AUTH: '1000000',
      RATE_LIMIT_SOCKET_MESSAGES: '1000000',
    },
  });
  children.push(child);
  return child;
}

async function waitHealthy() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error('API did not start');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function user(name) {
  const email = `${name}-${id}@bench.local`;
  await api('POST', '/api/auth/register', null, { email, password: 'bench-password-1', displayName: name });
  for (let i = 0; i < 200; i++) {
    const mails = await api('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
    const code = mails[0] && /\b(\d{6})\b/.exec(mails[0].text)?.[1];
    if (code) return api('POST', '/api/auth/confirm', null, { email, code });
    await sleep(100);
  }
  throw new Error(`no code for ${email}`);
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
}

async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function seed(roomId, authorId, count) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO messages (room_id, author_id, content, created_at)
       SELECT $1, $2, 'seeded message ' || g, now() - (g || ' milliseconds')::interval
       FROM generate_series(1, $3) g`,
      [roomId, authorId, count],
    );
    await c.query('ANALYZE messages');
  } finally {
    await c.end();
  }
}

async function historyLatency(token, roomId) {
  const first = [];
  for (let i = 0; i < ITER; i++)
    first.push(await time(() => api('GET', `/api/chats/${roomId}/messages?limit=50`, token)));
  // 10 pages deep (500 messages back), then time the next page.
  let cursor = null;
  for (let i = 0; i < 10; i++) {
    const page = await api('GET', `/api/chats/${roomId}/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (!page.nextCursor) throw new Error('history ended before the deep page');
    cursor = page.nextCursor;
  }
  const deep = [];
  for (let i = 0; i < ITER; i++)
    deep.push(await time(() => api('GET', `/api/chats/${roomId}/messages?limit=50&cursor=${cursor}`, token)));
  return { first: stats(first), deep: stats(deep) };
}

async function main() {
  await admin(`CREATE DATABASE ${dbName}`);
  start('main.js');
  await waitHealthy();
  start('worker.js');
  const results = { date: new Date().toISOString(), machine: `${(await import('node:os')).cpus().length} cores` };
  const targets = [];
  if (parts.includes('api')) await apiBench(results, targets);
  if (parts.includes('lighthouse')) {
    const carol = await user('carol');
    const session = JSON.stringify({
      accessToken: carol.accessToken,
      refreshToken: carol.refreshToken,
      user: carol.user,
    });
    results.lighthouse = await lighthouseScores(
      base,
      [{ path: '/login' }, { path: '/register' }, { path: '/chats', session }],
      LIGHTHOUSE_RUNS,
      join(ROOT, 'test-results/lighthouse'),
    );
    targets.push(...lighthouseTargets(results.lighthouse));
  }
  results.targets = Object.fromEntries(targets);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results/bench.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  for (const [name, ok] of targets) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return targets.every(([, ok]) => ok);
}

async function apiBench(results, targets) {
  const a = await user('alice');
  const b = await user('bob');

  const small = await api('POST', '/api/chats/groups', a.accessToken, { name: 'small', visibility: 'private' });
  const big = await api('POST', '/api/chats/groups', a.accessToken, { name: 'big', visibility: 'private' });
  const t0 = performance.now();
  await seed(small.id, a.user.id, SMALL);
  await seed(big.id, a.user.id, BIG);
  const seedSeconds = ((performance.now() - t0) / 1000).toFixed(1);

  const history = {
    [`${SMALL} messages`]: await historyLatency(a.accessToken, small.id),
    [`${BIG} messages`]: await historyLatency(a.accessToken, big.id),
  };

  // Live messaging: A sends, B receives, over two sockets.
  const dm = await api('POST', '/api/chats/direct', a.accessToken, { userId: b.user.id });
  const sa = io(`${base}/chat`, { auth: { token: a.accessToken }, transports: ['websocket'] });
  const sb = io(`${base}/chat`, { auth: { token: b.accessToken }, transports: ['websocket'] });
  await Promise.all([sa, sb].map((s) => new Promise((r, j) => (s.once('connect', r), s.once('connect_error', j)))));
  const sentAt = new Map();
  const delivery = [];
  sb.on('message:new', (m) => {
    const t = sentAt.get(m.clientId);
    if (t !== undefined) delivery.push(performance.now() - t);
  });
  const acks = [];
  for (let i = 0; i < ITER; i++) {
    const clientId = `bench-${i}-${randomBytes(4).toString('hex')}`;
    const t = performance.now();
    sentAt.set(clientId, t);
    const ack = await new Promise((r) =>
      sa.emit('message:send', { roomId: dm.id, content: `hello ${i}`, clientId }, r),
    );
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    acks.push(performance.now() - t);
  }
  await sleep(500);
  sa.close();
  sb.close();

  const list = [];
  for (let i = 0; i < ITER; i++) list.push(await time(() => api('GET', '/api/chats', a.accessToken)));

  Object.assign(results, {
    seedSeconds: Number(seedSeconds),
    history,
    socket: { ack: stats(acks), delivery: stats(delivery) },
    roomList: stats(list),
  });
  const ratio = history[`${BIG} messages`].deep.p50 / history[`${SMALL} messages`].deep.p50;
  targets.push(
    [
      'history page p95 < 50 ms at every size',
      Object.values(history).every((h) => h.first.p95 < 50 && h.deep.p95 < 50),
    ],
    [`a deep page at ${BIG} costs < 2× one at ${SMALL} (p50 ratio ${ratio.toFixed(2)})`, ratio < 2],
    ['message:send ack p95 < 50 ms', results.socket.ack.p95 < 50],
    [
      'live delivery p95 < 50 ms, every message delivered',
      results.socket.delivery.p95 < 50 && results.socket.delivery.n === ITER,
    ],
    ['GET /api/chats p95 < 50 ms', results.roomList.p95 < 50],
  );
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(err);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await sleep(1500);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
