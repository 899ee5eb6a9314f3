// A load generator of the `fanout` part of `npm run bench` (scripts/bench-fanout.mjs forks 2–4 of them):
// holds its share of the member sockets, connected with socket.io-client to the chat namespace the way
// the Angular client connects (websocket first, polling as the fallback), sends its members' messages on
// the schedule it is given and times, per message, send → ack and, per delivery, send → `message:new`.
// The send time travels in the message's content (performance.timeOrigin + performance.now(), one
// clock for every process on the machine), so a delivery is timed wherever its receiver lives.
// Talks to its parent over IPC only; exits when the parent goes, and after its hard time limit
// (argv[2], milliseconds) whatever it is doing.
//
// parent → child                                                       child → parent
//   { type: 'connect', group, sockets: [{ url, auth }] }                { type: 'connected', group, count }
//   { type: 'run', group, runId, startAt, sends: [[socket, offsetMs, seq]],
//     total, roomId, drainMs }                                          { type: 'result', group, runId, ... }
//   { type: 'close', group }                                            { type: 'closed', group }
// Any failure answers { type: 'error', message }.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');

const HARD_LIMIT_MS = Number(process.argv[2] ?? 15 * 60_000);
/** Connections opened at once (each a handshake the server authenticates). */
const CONNECT_CONCURRENCY = 25;
/** Connected, and no event for this long: the presence announcements of the connects are over. */
const QUIET_MS = 400;
const QUIET_MAX_MS = 60_000;
const CONNECT_TIMEOUT_MS = 30_000;

setTimeout(() => {
  console.error(`[bench fanout load ${process.pid}] hard time limit of ${HARD_LIMIT_MS} ms reached`);
  process.exit(2);
}, HARD_LIMIT_MS).unref();
process.on('disconnect', () => process.exit(0));

const now = () => performance.timeOrigin + performance.now();
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** group → { sockets: Socket[], lastEventAt, run: current run state | null } */
const groups = new Map();

function connectOne(group, { url, auth }) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/chat`, {
      auth,
      transports: ['websocket', 'polling'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    const index = group.sockets.push(socket) - 1;
    socket.onAny(() => (group.lastEventAt = now()));
    socket.on('message:new', (m) => onDelivery(group, index, m));
    socket.on('disconnect', (reason) => {
      if (!group.closing) group.disconnects.push(reason);
    });
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(new Error(`connect ${url}: ${err.message}`)));
  });
}

async function connect({ group: name, sockets }) {
  const group = { sockets: [], lastEventAt: now(), run: null, disconnects: [], closing: false };
  groups.set(name, group);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, sockets.length) }, async () => {
      while (next < sockets.length) await connectOne(group, sockets[next++]);
    }),
  );
  group.lastEventAt = now();
  const deadline = now() + QUIET_MAX_MS;
  while (now() - group.lastEventAt < QUIET_MS && now() < deadline) await wait(50);
  return { type: 'connected', group: name, count: group.sockets.length };
}

function onDelivery(group, index, m) {
  const run = group.run;
  const parts = typeof m?.content === 'string' ? m.content.split(' ') : [];
  if (!run || parts[0] !== 'fanout' || parts[1] !== run.runId) return;
  const seq = Number(parts[2]);
  const t = now();
  const seen = run.seen[index];
  if (!(seq >= 0 && seq < run.total)) return;
  if (seen[seq]) {
    run.duplicates++;
    return;
  }
  seen[seq] = 1;
  run.delivery.push(t - Number(parts[3]));
  run.received++;
  run.lastDeliveryAt = t;
  run.check();
}

function runOnce({ group: name, runId, startAt, sends, total, roomId, drainMs }) {
  const group = groups.get(name);
  if (!group) throw new Error(`no group ${name}`);
  return new Promise((resolve) => {
    const run = {
      runId,
      total,
      seen: group.sockets.map(() => new Uint8Array(total)),
      delivery: [],
      ack: [],
      ackFailures: {},
      acked: 0,
      answered: 0,
      received: 0,
      duplicates: 0,
      firstSendAt: null,
      lastSendAt: null,
      lastAckAt: null,
      lastDeliveryAt: null,
      done: false,
    };
    const expected = group.sockets.length * total;
    const finish = (timedOut) => {
      if (run.done) return;
      run.done = true;
      group.run = null;
      clearTimeout(deadline);
      resolve({
        type: 'result',
        group: name,
        runId,
        timedOut,
        sent: sends.length,
        acked: run.acked,
        ackFailures: run.ackFailures,
        expected,
        received: run.received,
        duplicates: run.duplicates,
        disconnects: group.disconnects.length,
        firstSendAt: run.firstSendAt,
        lastSendAt: run.lastSendAt,
        lastAckAt: run.lastAckAt,
        lastDeliveryAt: run.lastDeliveryAt,
        ack: Float64Array.from(run.ack),
        delivery: Float64Array.from(run.delivery),
      });
    };
    run.check = () => {
      if (run.answered === sends.length && run.received === expected) finish(false);
    };
    group.run = run;
    const last = sends.reduce((m, s) => Math.max(m, s[1]), 0);
    const deadline = setTimeout(() => finish(true), Math.max(0, startAt + last - now()) + drainMs);

    const order = [...sends].sort((a, b) => a[1] - b[1]);
    let i = 0;
    const send = ([socketIndex, , seq]) => {
      const socket = group.sockets[socketIndex];
      const sentAt = now();
      run.firstSendAt ??= sentAt;
      run.lastSendAt = sentAt;
      const content = `fanout ${runId} ${seq} ${sentAt.toFixed(3)}`;
      socket.emit('message:send', { roomId, content, clientId: `fanout-${runId}-${seq}` }, (ack) => {
        if (run.done) return;
        const t = now();
        run.answered++;
        run.lastAckAt = t;
        if (ack?.ok) {
          run.acked++;
          run.ack.push(t - sentAt);
        } else {
          const code = ack?.error?.code ?? 'no_ack';
          run.ackFailures[code] = (run.ackFailures[code] ?? 0) + 1;
        }
        run.check();
      });
    };
    const tick = () => {
      if (run.done) return;
      const t = now();
      while (i < order.length && startAt + order[i][1] <= t) send(order[i++]);
      if (i < order.length) setTimeout(tick, Math.max(0, startAt + order[i][1] - now()));
    };
    setTimeout(tick, Math.max(0, startAt - now()));
    run.check();
  });
}

async function close({ group: name }) {
  const group = groups.get(name);
  if (group) {
    group.closing = true;
    for (const s of group.sockets) s.close();
    groups.delete(name);
  }
  return { type: 'closed', group: name };
}

const handlers = { connect, run: runOnce, close };
process.on('message', (msg) => {
  const handler = handlers[msg?.type];
  if (!handler) return process.send({ type: 'error', message: `unknown command ${msg?.type}` });
  Promise.resolve()
    .then(() => handler(msg))
    .then(
      (reply) => process.send(reply),
      (err) => process.send({ type: 'error', group: msg.group, message: err?.message ?? String(err) }),
    );
});
process.send({ type: 'ready', pid: process.pid });
