// The `fanout` part of `npm run bench` (issue #11, "the messenger under load"): the load shape of the
// system we replace — a room of 50 members, each sending 20 messages, every message delivered to all
// 50 — offered at 50, 100 and 500 msg/s (spread evenly over the senders) and as a burst of all 1,000
// at once; a 500-member room (2 messages each) at 50 msg/s; and the 50-member room at 500 msg/s with
// its members split between two API processes on Redis. Each shape runs against the product (real
// users signed in, a real group room, PostgreSQL + Redis + the worker) and against a bare socket.io
// server in the same run (scripts/bench-fanout-bare.mjs: acks and broadcasts, no auth, no storage),
// the two taking turns, BENCH_FANOUT_REPEATS (3) times, the median of each figure kept.
// The sockets live in BENCH_FANOUT_LOADERS (2, at most 4) load-generator processes
// (scripts/bench-fanout-load.mjs), against 127.0.0.1 only, each with a hard time limit.
// Also: 5,000 idle signed-in sockets on a fresh API process (VmRSS before/after ÷ sockets), a history
// page at 1,000,000 messages against one at 10,000 (p50 ratio), and for the two-process shape the CPU
// time (utime + stime of both API processes) per stored message.
// BENCH_FANOUT_SCALE (1) scales the messages per member, the big room, the idle sockets and the big
// history down for a quick try (0.1: 2 messages a member, 50 in the big room, 500 idle sockets,
// 100,000 messages); the members of the small room and the rates stay.
// Writes bench/results.json (everything, every repeat) and bench/results.md (the table); both are
// per-run and not committed.
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { hash } = require('@node-rs/argon2');

const ROOT = new URL('..', import.meta.url).pathname;
const num = (name, fallback) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};
const SCALE = num('BENCH_FANOUT_SCALE', 1);
const REPEATS = Math.round(num('BENCH_FANOUT_REPEATS', 3));
const LOADERS = Math.min(4, Math.max(1, Math.round(num('BENCH_FANOUT_LOADERS', 2))));
/** After the last scheduled send, how long a run may take to be acked and delivered in full. */
const DRAIN_MS = num('BENCH_FANOUT_DRAIN_MS', 120_000);
/** A load generator exits after this long whatever it is doing. */
const LOADER_LIMIT_MS = num('BENCH_FANOUT_LOADER_LIMIT_MS', 30 * 60_000);
const HISTORY_ITER = Math.round(num('BENCH_FANOUT_HISTORY_ITER', 200));
/** BENCH_FANOUT_PARTS: which parts run (a profiling aid: a part left out reports no target, and the run is not complete). */
const ALL_PARTS = ['rooms', 'big', 'duo', 'idle', 'history'];
const PARTS = new Set((process.env.BENCH_FANOUT_PARTS || ALL_PARTS.join(',')).split(',').map((x) => x.trim()));
for (const part of PARTS)
  if (!ALL_PARTS.includes(part))
    throw new Error(`BENCH_FANOUT_PARTS: unknown part "${part}" (${ALL_PARTS.join(', ')})`);

const MEMBERS = 50;
const PER_MEMBER = Math.max(1, Math.round(20 * SCALE));
const RATES = [50, 100, 500];
const BIG_MEMBERS = Math.max(2 * MEMBERS, Math.round(500 * SCALE));
const BIG_PER_MEMBER = 2;
const BIG_RATE = 50;
const DUO_RATE = 500;
const IDLE = Math.max(100, Math.round(5000 * SCALE));
/**
 * Idle sockets per signed-in person (a phone, a laptop, a few tabs): every socket carries its own
 * connection, channels and session check, so the memory per socket is the same, and 5,000 sockets
 * need 1,000 sign-ins instead of 5,000. BENCH_FANOUT_IDLE_PER_USER=1 gives every socket its own person.
 */
const IDLE_PER_USER = Math.max(1, Math.round(num('BENCH_FANOUT_IDLE_PER_USER', 5)));
const IDLE_USERS = Math.ceil(IDLE / IDLE_PER_USER);
const HISTORY_SMALL = 10_000;
const HISTORY_BIG = Math.max(10 * HISTORY_SMALL, Math.round(1_000_000 * SCALE));
/** Group rooms take this many members at creation (GROUP_INITIAL_MEMBERS_MAX); the rest are added. */
const INITIAL_MEMBERS_MAX = 100;
const PASSWORD = 'bench-fanout-password-1';

export const FANOUT_TARGETS = {
  /** At 500 msg/s: every delivery made, at ≥ 90 % of bare's deliveries/s, delivery p99 ≤ 3 × bare's. */
  rate500: { deliveredPct: 100, bareRatio: 0.9, p99Ratio: 3 },
  burstBareRatio: 0.5,
  big: { deliveredPct: 100, p99Ms: 100 },
  idleKbPerSocket: 30,
  historyRatio: 1.5,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const clock = () => performance.timeOrigin + performance.now();
const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : +x.toFixed(d));

function stats(samples) {
  if (!samples.length) return { n: 0, p50: null, p99: null, max: null };
  const s = Float64Array.from(samples).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: round(q(0.5)), p99: round(q(0.99)), max: round(s[s.length - 1]) };
}

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

const T0 = performance.now();
const elapsed = () => Math.round((performance.now() - T0) / 1000);
const load1 = () => round(loadavg()[0], 1);

// ---------------------------------------------------------------------------------------------------
// Processes: the bare baseline and the load generators
// ---------------------------------------------------------------------------------------------------

function startBare(port) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/bench-fanout-bare.mjs'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      if (String(d).includes('listening')) resolve({ pid: child.pid, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => reject(new Error(`the bare baseline exited (${code})`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A load generator: one command at a time, answered over IPC; `call` rejects on its error or timeout. */
class Loader {
  constructor(child) {
    this.child = child;
    this.pending = null;
    child.on('message', (msg) => {
      const p = this.pending;
      if (!p) return;
      this.pending = null;
      clearTimeout(p.timer);
      if (msg.type === 'error') p.reject(new Error(`load generator ${child.pid}: ${msg.message}`));
      else p.resolve(msg);
    });
    child.once('exit', (code, signal) => {
      const p = this.pending;
      this.pending = null;
      if (p) {
        clearTimeout(p.timer);
        p.reject(new Error(`load generator ${child.pid} exited (${code ?? signal})`));
      }
    });
  }

  static async start() {
    const child = fork(join(ROOT, 'scripts/bench-fanout-load.mjs'), [String(LOADER_LIMIT_MS)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced', // the latency samples travel as Float64Arrays
    });
    await new Promise((resolve, reject) => {
      child.once('message', (m) => (m.type === 'ready' ? resolve() : reject(new Error(JSON.stringify(m)))));
      child.once('exit', (code) => reject(new Error(`load generator exited at start (${code})`)));
    });
    return new Loader(child);
  }

  call(msg, timeoutMs) {
    if (this.pending) throw new Error('a load generator takes one command at a time');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new Error(`load generator ${this.child.pid}: no answer to "${msg.type}" in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending = { resolve, reject, timer };
      this.child.send(msg);
    });
  }

  stop() {
    return stopChild(this.child);
  }
}

/**
 * A group of member sockets spread over the load generators: socket k lives in generator k % L, as
 * its local socket ⌊k / L⌋.
 */
class SocketGroup {
  constructor(loaders, name, sockets) {
    this.loaders = loaders;
    this.name = name;
    this.size = sockets.length;
    this.sockets = sockets;
  }

  async connect() {
    const t = performance.now();
    await Promise.all(
      this.loaders.map((l, i) =>
        l.call(
          { type: 'connect', group: this.name, sockets: this.sockets.filter((_, k) => k % this.loaders.length === i) },
          180_000,
        ),
      ),
    );
    return round((performance.now() - t) / 1000, 1);
  }

  close() {
    return Promise.all(this.loaders.map((l) => l.call({ type: 'close', group: this.name }, 60_000)));
  }

  /**
   * One run: `messages` messages, message j sent by member j % size at j / rate seconds (all at once
   * for a burst), every message expected at every socket of the group.
   */
  async run({ messages, rate, roomId }) {
    const L = this.loaders.length;
    const runId = `r${randomBytes(4).toString('hex')}`;
    const sends = this.loaders.map(() => []);
    for (let j = 0; j < messages; j++) {
      const k = j % this.size;
      sends[k % L].push([Math.floor(k / L), rate ? (j * 1000) / rate : 0, j]);
    }
    const lastOffset = rate ? ((messages - 1) * 1000) / rate : 0;
    const startAt = clock() + 300;
    const parts = await Promise.all(
      this.loaders.map((l, i) =>
        l.call(
          {
            type: 'run',
            group: this.name,
            runId,
            startAt,
            sends: sends[i],
            total: messages,
            roomId,
            drainMs: DRAIN_MS,
          },
          lastOffset + DRAIN_MS + 60_000,
        ),
      ),
    );
    return summarise(parts, messages, rate);
  }
}

function summarise(parts, messages, rate) {
  const sum = (k) => parts.reduce((s, p) => s + p[k], 0);
  const ack = [];
  const delivery = [];
  for (const p of parts) {
    for (const x of p.ack) ack.push(x);
    for (const x of p.delivery) delivery.push(x);
  }
  const ackFailures = {};
  for (const p of parts)
    for (const [code, n] of Object.entries(p.ackFailures)) ackFailures[code] = (ackFailures[code] ?? 0) + n;
  const firstSendAt = Math.min(...parts.map((p) => p.firstSendAt ?? Infinity));
  const lastDeliveryAt = Math.max(...parts.map((p) => p.lastDeliveryAt ?? -Infinity));
  const received = sum('received');
  const expected = sum('expected');
  const seconds = (lastDeliveryAt - firstSendAt) / 1000;
  const a = stats(ack);
  const d = stats(delivery);
  return {
    offered: rate ? `${rate} msg/s` : 'burst',
    messages,
    acked: sum('acked'),
    ackFailures,
    expected,
    received,
    deliveredPct: round((100 * received) / expected, 2),
    duplicates: sum('duplicates'),
    disconnects: sum('disconnects'),
    timedOut: parts.some((p) => p.timedOut),
    seconds: round(seconds, 3),
    deliveriesPerSec: received && seconds > 0 ? Math.round(received / seconds) : 0,
    ackP50: a.p50,
    ackP99: a.p99,
    ackMax: a.max,
    deliveryP50: d.p50,
    deliveryP99: d.p99,
    deliveryMax: d.max,
  };
}

/** The median of each figure over the repeats (the repeats themselves are kept beside it). */
function medianRow(rows) {
  const out = { ...rows[0] };
  for (const k of Object.keys(rows[0]))
    if (typeof rows[0][k] === 'number') out[k] = round(median(rows.map((r) => r[k])), 2);
  out.timedOut = rows.some((r) => r.timedOut);
  out.ackFailures = rows.reduce((acc, r) => {
    for (const [code, n] of Object.entries(r.ackFailures)) acc[code] = (acc[code] ?? 0) + n;
    return acc;
  }, {});
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The product's side: members, rooms, history
// ---------------------------------------------------------------------------------------------------

async function http(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function pool(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/**
 * `count` confirmed members, inserted in SQL and signed in through POST /api/auth/login. Their
 * argon2id hash has the smallest cost argon2 allows (the parameters travel in the hash, and the
 * API's verify reads them), so 5,000 sign-ins cost the machine seconds, not minutes; the sign-in
 * path is the product's own.
 */
async function members(base, dbUrl, tag, count) {
  const passwordHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 8, timeCost: 1, parallelism: 1 });
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO users (email, password_hash, confirmed, display_name, first_name, last_name)
       SELECT 'fanout-' || $1 || '-' || g || '@bench.local', $2, true, 'Fanout member ' || g, 'Fanout', 'Member ' || g
         FROM generate_series(0, $3::int - 1) g`,
      [tag, passwordHash, count],
    );
  } finally {
    await c.end();
  }
  const t = performance.now();
  const list = await pool(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const r = await http(base, 'POST', '/api/auth/login', null, {
        email: `fanout-${tag}-${i}@bench.local`,
        password: PASSWORD,
      });
      return { id: r.user.id, displayName: r.user.displayName, token: r.accessToken };
    },
  );
  console.log(
    `[bench fanout +${elapsed()}s] ${count} members signed in (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  return list;
}

/** A private group room of `people` (the first one its admin): created with the first 100, the rest added. */
async function groupRoom(base, name, people) {
  const [admin, ...others] = people;
  const first = others.slice(0, INITIAL_MEMBERS_MAX - 1);
  const room = await http(base, 'POST', '/api/chats/groups', admin.token, {
    name,
    visibility: 'private',
    memberIds: first.map((p) => p.id),
  });
  await pool(others.slice(first.length), 4, (p) =>
    http(base, 'POST', `/api/chats/${room.id}/members`, admin.token, { userId: p.id }),
  );
  const check = await http(base, 'GET', `/api/chats/${room.id}`, admin.token);
  if (check.membersCount !== people.length)
    throw new Error(`room ${name}: ${check.membersCount} members, expected ${people.length}`);
  return room.id;
}

async function seedHistory(dbUrl, roomId, authorId, count) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO messages (room_id, author_id, content, created_at)
       SELECT $1, $2, 'seeded message ' || g, now() - interval '1 day' - (g || ' milliseconds')::interval
         FROM generate_series(1, $3::int) g`,
      [roomId, authorId, count],
    );
    await c.query('ANALYZE messages');
  } finally {
    await c.end();
  }
}

async function storedCount(dbUrl, roomId) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return Number((await c.query('SELECT count(*)::int AS n FROM messages WHERE room_id = $1', [roomId])).rows[0].n);
  } finally {
    await c.end();
  }
}

/** VmRSS of a process, in kB. */
function rssKb(pid) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

/** utime + stime of a process, in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields 3… of proc(5)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

// ---------------------------------------------------------------------------------------------------
// The part
// ---------------------------------------------------------------------------------------------------

/**
 * Runs the part. `ctx`: { base, dbUrl, workDir, apiPid, startApi(port) → stop function with `.pid` }.
 * Pushes [label, ok] pairs onto `targets` and sets `results.fanout`.
 */
export async function fanoutBench(ctx, results, targets) {
  const { base, dbUrl } = ctx;
  const port = Number(new URL(base).port);
  const tag = randomBytes(3).toString('hex');
  const machine = { cores: cpus().length, loadBefore: load1(), loadDuring: [] };
  const config = {
    scale: SCALE,
    repeats: REPEATS,
    loaders: LOADERS,
    members: MEMBERS,
    messagesPerMember: PER_MEMBER,
    rates: RATES,
    bigRoom: { members: BIG_MEMBERS, messagesPerMember: BIG_PER_MEMBER, rate: BIG_RATE },
    twoProcesses: { members: MEMBERS, messagesPerMember: PER_MEMBER, rate: DUO_RATE },
    idleSockets: { sockets: IDLE, people: IDLE_USERS },
    history: { small: HISTORY_SMALL, big: HISTORY_BIG, iterations: HISTORY_ITER },
    drainMs: DRAIN_MS,
  };
  console.log(`[bench fanout +${elapsed()}s] ${JSON.stringify(config)}`);

  const people = await members(base, dbUrl, tag, Math.max(IDLE_USERS, BIG_MEMBERS, MEMBERS));
  const small = people.slice(0, MEMBERS);
  const big = people.slice(0, BIG_MEMBERS);
  const smallRoom = await groupRoom(base, `fanout ${MEMBERS}`, small);
  const bigRoom = await groupRoom(base, `fanout ${BIG_MEMBERS}`, big);

  const bare = await startBare(port + 300);
  const bareUrl = `http://127.0.0.1:${port + 300}`;
  const loaders = await Promise.all(Array.from({ length: LOADERS }, () => Loader.start()));
  const groupsOpen = new Set();
  const group = async (name, sockets) => {
    const g = new SocketGroup(loaders, name, sockets);
    const seconds = await g.connect();
    groupsOpen.add(g);
    console.log(`[bench fanout +${elapsed()}s] ${sockets.length} sockets connected for ${name} (${seconds} s)`);
    return g;
  };
  const closeGroup = async (g) => {
    groupsOpen.delete(g);
    await g.close();
  };
  // Split between `urls` within each load generator too (socket k lives in generator k % LOADERS).
  const productSockets = (list, urls = [base]) =>
    list.map((p, k) => ({ url: urls[Math.floor(k / LOADERS) % urls.length], auth: { token: p.token } }));
  const bareSockets = (list, roomId) =>
    list.map((p) => ({ url: bareUrl, auth: { roomId, userId: p.id, displayName: p.displayName } }));

  const fanout = { config, machine, targets: FANOUT_TARGETS, shapes: [], complete: false };
  try {
    // Rooms of 50: every rate and the burst, bare and product taking turns, REPEATS times.
    const shapes = [
      ...RATES.map((rate) => ({ kind: `rate ${rate}`, name: `room of ${MEMBERS}, ${rate} msg/s`, rate })),
      { kind: 'burst', name: `room of ${MEMBERS}, burst of ${MEMBERS * PER_MEMBER}`, rate: 0 },
    ];
    const repeats = shapes.map(() => ({ bare: [], product: [] }));
    if (PARTS.has('rooms')) {
      const smallBare = await group('small-bare', bareSockets(small, smallRoom));
      const smallProduct = await group('small-product', productSockets(small));
      // Warm-up (not measured): one message a member on each side.
      for (const g of [smallBare, smallProduct]) await g.run({ messages: MEMBERS, rate: 50, roomId: smallRoom });
      for (let r = 0; r < REPEATS; r++)
        for (const [i, shape] of shapes.entries())
          for (const [side, g] of [
            ['bare', smallBare],
            ['product', smallProduct],
          ]) {
            const row = await g.run({ messages: MEMBERS * PER_MEMBER, rate: shape.rate, roomId: smallRoom });
            row.load = load1();
            machine.loadDuring.push(row.load);
            repeats[i][side].push(row);
            log(`${shape.name}, ${side}, run ${r + 1}/${REPEATS}`, row);
            // What is measured so far, on disk: a run cut short still leaves its figures.
            fanout.shapes = shapes
              .map((sh, k) => repeats[k].product.length && shapeRow(sh, MEMBERS, MEMBERS * PER_MEMBER, repeats[k]))
              .filter(Boolean);
            save(fanout);
          }
      await closeGroup(smallBare);
      await closeGroup(smallProduct);
    }

    // The big room.
    if (PARTS.has('big')) {
      const name = `room of ${BIG_MEMBERS}, ${BIG_RATE} msg/s`;
      const messages = BIG_MEMBERS * BIG_PER_MEMBER;
      const rep = { bare: [], product: [] };
      const gBare = await group('big-bare', bareSockets(big, bigRoom));
      const gProduct = await group('big-product', productSockets(big));
      // Warm-up (not measured).
      for (const g of [gBare, gProduct]) await g.run({ messages: MEMBERS, rate: BIG_RATE, roomId: bigRoom });
      for (let r = 0; r < REPEATS; r++)
        for (const [side, g] of [
          ['bare', gBare],
          ['product', gProduct],
        ]) {
          const row = await g.run({ messages, rate: BIG_RATE, roomId: bigRoom });
          row.load = load1();
          machine.loadDuring.push(row.load);
          rep[side].push(row);
          log(`${name}, ${side}, run ${r + 1}/${REPEATS}`, row);
          if (side === 'product') {
            fanout.shapes = [
              ...fanout.shapes.filter((x) => x.kind !== 'big'),
              shapeRow({ kind: 'big', name }, BIG_MEMBERS, messages, rep),
            ];
            save(fanout);
          }
        }
      await closeGroup(gBare);
      await closeGroup(gProduct);
    }

    if (PARTS.has('duo'))
      fanout.twoProcesses = await twoProcesses(ctx, group, closeGroup, productSockets, small, smallRoom, machine);
    const one = fanout.shapes.find((s) => s.kind === `rate ${DUO_RATE}`);
    if (one && fanout.twoProcesses) {
      const duo = fanout.twoProcesses.product;
      fanout.twoProcesses.vsOneProcess = round(duo.deliveriesPerSec / one.product.deliveriesPerSec, 3);
      fanout.twoProcesses.vsBare = round(duo.deliveriesPerSec / one.bare.deliveriesPerSec, 3);
    }
    save(fanout);

    if (PARTS.has('idle')) {
      const idlePeople = Array.from({ length: IDLE }, (_, k) => people[k % IDLE_USERS]);
      fanout.idle = await idleSockets(ctx, group, closeGroup, productSockets, idlePeople);
      fanout.idle.people = IDLE_USERS;
      save(fanout);
    }
  } finally {
    for (const g of groupsOpen) await g.close().catch(() => {});
    await Promise.all(loaders.map((l) => l.stop()));
    await bare.stop();
  }

  if (PARTS.has('history')) fanout.history = await history(base, dbUrl, small[0]);
  machine.loadAfter = load1();
  fanout.complete = PARTS.size === ALL_PARTS.length;

  pushTargets(fanout, targets);
  results.fanout = { ...fanout, shapes: fanout.shapes.map(({ repeats: _r, ...s }) => s), full: 'bench/results.json' };
  console.log(save(fanout));
}

/** bench/results.json and bench/results.md as they stand; returns the markdown. */
function save(fanout) {
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(fanout, null, 2));
  const md = markdown(fanout);
  writeFileSync(join(ROOT, 'bench/results.md'), md);
  return md;
}

function log(label, row) {
  console.log(
    `[bench fanout] ${label}: ${row.deliveredPct} % delivered (${row.received}/${row.expected}), ` +
      `${row.deliveriesPerSec} deliveries/s, ack p50/p99 ${row.ackP50}/${row.ackP99} ms, ` +
      `delivery p50/p99 ${row.deliveryP50}/${row.deliveryP99} ms` +
      (Object.keys(row.ackFailures).length ? `, ack failures ${JSON.stringify(row.ackFailures)}` : '') +
      (row.timedOut ? ', TIMED OUT' : '') +
      ` (load ${row.load})`,
  );
}

function shapeRow({ kind, name }, members, messages, rep) {
  const bare = medianRow(rep.bare);
  const product = medianRow(rep.product);
  return {
    kind,
    name,
    members,
    messages,
    bare,
    product,
    ratio: {
      deliveriesPerSec: bare.deliveriesPerSec ? round(product.deliveriesPerSec / bare.deliveriesPerSec, 3) : null,
      deliveryP99: bare.deliveryP99 ? round(product.deliveryP99 / bare.deliveryP99, 2) : null,
    },
    repeats: rep,
  };
}

/**
 * The 50-member room at 500 msg/s with its members split between the API and a second API process
 * (both on Redis, so each delivers the other's messages to its own sockets), and what a stored message
 * costs in CPU: utime + stime of both processes over the run ÷ the messages the room gained.
 */
async function twoProcesses(ctx, group, closeGroup, productSockets, small, roomId, machine) {
  const port = Number(new URL(ctx.base).port) + 400;
  const stop = await ctx.startApi(port);
  const pids = [ctx.apiPid, stop.pid];
  const rows = [];
  try {
    const g = await group('two-processes', productSockets(small, [ctx.base, `http://127.0.0.1:${port}`]));
    await g.run({ messages: MEMBERS, rate: 50, roomId }); // warm-up
    for (let r = 0; r < REPEATS; r++) {
      const storedBefore = await storedCount(ctx.dbUrl, roomId);
      const cpuBefore = pids.map(cpuMs);
      const row = await g.run({ messages: MEMBERS * PER_MEMBER, rate: DUO_RATE, roomId });
      const cpu = pids.map((pid, i) => cpuMs(pid) - cpuBefore[i]);
      const stored = (await storedCount(ctx.dbUrl, roomId)) - storedBefore;
      row.stored = stored;
      row.cpuMsPerProcess = cpu.map((x) => round(x, 0));
      row.cpuMsPerMessage = stored ? round(cpu.reduce((a, b) => a + b, 0) / stored, 3) : null;
      row.load = load1();
      machine.loadDuring.push(row.load);
      rows.push(row);
      log(
        `two API processes, ${DUO_RATE} msg/s, run ${r + 1}/${REPEATS} (CPU ${row.cpuMsPerMessage} ms per stored message)`,
        row,
      );
    }
    await closeGroup(g);
  } finally {
    await stop();
  }
  return {
    name: `room of ${MEMBERS} on two API processes, ${DUO_RATE} msg/s`,
    product: medianRow(rows),
    repeats: rows,
  };
}

/** IDLE signed-in sockets on a fresh API process: its VmRSS before and after, per socket. */
async function idleSockets(ctx, group, closeGroup, productSockets, list) {
  const port = Number(new URL(ctx.base).port) + 500;
  const stop = await ctx.startApi(port);
  const url = `http://127.0.0.1:${port}`;
  try {
    // Warm: the first connections load and compile what every later one uses.
    const warm = await group('idle-warm', productSockets(list.slice(0, 50), [url]));
    await closeGroup(warm);
    const before = rssKb(stop.pid);
    const t = performance.now();
    // In two steps, a fifth then the rest: the slope between them leaves out what the first
    // connections of a process cost once (pools, buffers, compiled code), which the total includes.
    const fifth = Math.max(1, Math.floor(list.length / 5));
    const first = await group('idle-1', productSockets(list.slice(0, fifth), [url]));
    const middle = rssKb(stop.pid);
    const rest = await group('idle-2', productSockets(list.slice(fifth), [url]));
    const connectSeconds = round((performance.now() - t) / 1000, 1);
    const after = rssKb(stop.pid);
    await closeGroup(first);
    await closeGroup(rest);
    const perSocketKb = round((after - before) / list.length, 1);
    const marginalKb = round((after - middle) / (list.length - fifth), 1);
    console.log(
      `[bench fanout +${elapsed()}s] ${list.length} idle sockets: VmRSS ${before} → ${middle} (${fifth}) → ${after} kB, ${perSocketKb} kB each (${marginalKb} kB each after the first ${fifth})`,
    );
    return {
      sockets: list.length,
      rssBeforeKb: before,
      rssAfterFifthKb: middle,
      rssAfterKb: after,
      perSocketKb,
      marginalKb,
      connectSeconds,
    };
  } finally {
    await stop();
  }
}

/** The first page (limit=50) of a room holding HISTORY_BIG messages against one holding HISTORY_SMALL. */
async function history(base, dbUrl, owner) {
  const rooms = {};
  const t0 = performance.now();
  for (const count of [HISTORY_SMALL, HISTORY_BIG]) {
    const room = await http(base, 'POST', '/api/chats/groups', owner.token, {
      name: `fanout history ${count}`,
      visibility: 'private',
    });
    await seedHistory(dbUrl, room.id, owner.id, count);
    rooms[count] = room.id;
  }
  const seedSeconds = round((performance.now() - t0) / 1000, 1);
  const path = (count) => `/api/chats/${rooms[count]}/messages?limit=50`;
  for (let i = 0; i < 5; i++)
    for (const count of [HISTORY_SMALL, HISTORY_BIG]) await http(base, 'GET', path(count), owner.token);
  const samples = { [HISTORY_SMALL]: [], [HISTORY_BIG]: [] };
  // Interleaved, so the shared machine's other work falls on both alike.
  for (let i = 0; i < HISTORY_ITER; i++)
    for (const count of [HISTORY_SMALL, HISTORY_BIG]) {
      const t = performance.now();
      await http(base, 'GET', path(count), owner.token);
      samples[count].push(performance.now() - t);
    }
  const small = stats(samples[HISTORY_SMALL]);
  const bigger = stats(samples[HISTORY_BIG]);
  const out = { seedSeconds, small: { messages: HISTORY_SMALL, ...small }, big: { messages: HISTORY_BIG, ...bigger } };
  out.ratio = round(bigger.p50 / small.p50, 2);
  console.log(
    `[bench fanout] history first page: ${HISTORY_SMALL} messages p50 ${small.p50} ms, ${HISTORY_BIG} messages p50 ${bigger.p50} ms (${out.ratio}×)`,
  );
  return out;
}

function pushTargets(f, targets) {
  const T = FANOUT_TARGETS;
  const at500 = f.shapes.find((s) => s.kind === 'rate 500');
  const burst = f.shapes.find((s) => s.kind === 'burst');
  const bigRow = f.shapes.find((s) => s.kind === 'big');
  if (at500) {
    const p = at500.product;
    targets.push(
      [`fanout ${at500.name}: ${p.deliveredPct} % delivered (100 %)`, p.deliveredPct >= T.rate500.deliveredPct],
      [
        `fanout ${at500.name}: ${p.deliveriesPerSec} deliveries/s = ${pct(at500.ratio.deliveriesPerSec)} of bare's ${at500.bare.deliveriesPerSec} (≥ ${T.rate500.bareRatio * 100} %)`,
        at500.ratio.deliveriesPerSec >= T.rate500.bareRatio,
      ],
      [
        `fanout ${at500.name}: delivery p99 ${p.deliveryP99} ms = ${at500.ratio.deliveryP99}× bare's ${at500.bare.deliveryP99} ms (≤ ${T.rate500.p99Ratio}×)`,
        at500.ratio.deliveryP99 !== null && at500.ratio.deliveryP99 <= T.rate500.p99Ratio,
      ],
    );
  }
  if (burst)
    targets.push([
      `fanout ${burst.name}: ${burst.product.deliveriesPerSec} deliveries/s = ${pct(burst.ratio.deliveriesPerSec)} of bare's ${burst.bare.deliveriesPerSec} (≥ ${T.burstBareRatio * 100} %)`,
      burst.ratio.deliveriesPerSec >= T.burstBareRatio && burst.product.deliveredPct >= 100,
    ]);
  if (bigRow)
    targets.push([
      `fanout ${bigRow.name}: ${bigRow.product.deliveredPct} % delivered (100 %), delivery p99 ${bigRow.product.deliveryP99} ms (≤ ${T.big.p99Ms} ms)`,
      bigRow.product.deliveredPct >= T.big.deliveredPct &&
        bigRow.product.deliveryP99 !== null &&
        bigRow.product.deliveryP99 <= T.big.p99Ms,
    ]);
  if (f.idle)
    targets.push([
      `fanout ${f.idle.sockets} idle signed-in sockets: ${f.idle.perSocketKb} KB each (VmRSS ${f.idle.rssBeforeKb} → ${f.idle.rssAfterKb} kB; ≤ ${T.idleKbPerSocket} KB)`,
      f.idle.perSocketKb <= T.idleKbPerSocket,
    ]);
  if (f.history)
    targets.push([
      `fanout history first page at ${f.history.big.messages} messages p50 ${f.history.big.p50} ms = ${f.history.ratio}× its p50 at ${f.history.small.messages} (${f.history.small.p50} ms; ≤ ${T.historyRatio}×)`,
      f.history.ratio <= T.historyRatio,
    ]);
}

const pct = (ratio) => (ratio === null ? '—' : `${Math.round(ratio * 100)} %`);
const fmt = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en'));

function markdown(f) {
  const c = f.config;
  const m = f.machine;
  const lines = [
    '## Fan-out benchmark',
    '',
    ...(f.complete ? [] : ['**Incomplete: the run stopped before every measure was taken.**', '']),
    `${m.cores} cores; 1-minute load average ${m.loadBefore} before, ${m.loadAfter ?? '—'} after, ` +
      (m.loadDuring.length ? `${Math.min(...m.loadDuring)}–${Math.max(...m.loadDuring)} during the runs. ` : '') +
      `Scale ${c.scale}; each shape ${c.repeats}× for each side, taking turns, the median of each figure kept; ` +
      `${c.loaders} load-generator processes. Deliveries/s: deliveries ÷ (last delivery − first send). ` +
      `Latencies in ms: ack = send → ack, delivery = send → \`message:new\` at each member (the sender included).`,
    '',
    '| shape | side | delivered % | deliveries/s | ratio to bare (deliveries/s · delivery p99) | ack p50 / p99 | delivery p50 / p99 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const row = (name, side, r, ratio) =>
    lines.push(
      `| ${name} | ${side} | ${r.deliveredPct} | ${fmt(r.deliveriesPerSec)} | ${ratio} | ${r.ackP50} / ${r.ackP99} | ${r.deliveryP50} / ${r.deliveryP99} |`,
    );
  for (const s of f.shapes) {
    row(s.name, 'bare', s.bare, '—');
    row(s.name, 'product', s.product, `${pct(s.ratio.deliveriesPerSec)} · ${s.ratio.deliveryP99 ?? '—'}×`);
  }
  if (f.twoProcesses) {
    const d = f.twoProcesses;
    row(
      d.name,
      'product',
      d.product,
      `${pct(d.vsBare)} of bare at one process · ${d.vsOneProcess ?? '—'}× one API process`,
    );
    lines.push(
      '',
      `Two API processes: ${d.product.cpuMsPerMessage} ms of API CPU (utime + stime, both processes) per stored message ` +
        `(${d.product.stored} stored a run; per process ${d.repeats.map((r) => r.cpuMsPerProcess.join(' + ')).join(', ')} ms over the runs).`,
    );
  }
  if (f.idle)
    lines.push(
      '',
      `${fmt(f.idle.sockets)} idle signed-in sockets (${fmt(f.idle.people)} people) on a fresh API process: VmRSS ${fmt(f.idle.rssBeforeKb)} → ${fmt(f.idle.rssAfterKb)} kB, ` +
        `**${f.idle.perSocketKb} KB per socket** (${f.idle.marginalKb} KB each past the first fifth, at ${fmt(f.idle.rssAfterFifthKb)} kB; connected in ${f.idle.connectSeconds} s).`,
    );
  if (f.history)
    lines.push(
      '',
      `History, first page (limit 50), ${c.history.iterations} requests each, interleaved: ${fmt(f.history.small.messages)} messages p50 ${f.history.small.p50} ms (p99 ${f.history.small.p99}), ` +
        `${fmt(f.history.big.messages)} messages p50 ${f.history.big.p50} ms (p99 ${f.history.big.p99}): **${f.history.ratio}×**.`,
    );
  const t = f.targets;
  lines.push(
    '',
    `Targets: at 500 msg/s ${t.rate500.deliveredPct} % delivered, ≥ ${t.rate500.bareRatio * 100} % of bare's deliveries/s, delivery p99 ≤ ${t.rate500.p99Ratio}× bare's; ` +
      `the burst ≥ ${t.burstBareRatio * 100} % of bare's deliveries/s; the ${c.bigRoom.members}-member room 100 % delivered with p99 ≤ ${t.big.p99Ms} ms; ` +
      `idle sockets ≤ ${t.idleKbPerSocket} KB each; the history page at ${fmt(c.history.big)} ≤ ${t.historyRatio}× its cost at ${fmt(c.history.small)}.`,
  );
  return lines.join('\n') + '\n';
}
