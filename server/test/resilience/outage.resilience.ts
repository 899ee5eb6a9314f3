import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, type Message, type Room } from '@world-it/contracts';
import { currentRun } from '../utils/test-env';
import { ApiProcess, freePort, signedInUser } from './support/api-process';
import { poll } from '../utils/poll';
import { OwnRedis, PostgresProxy } from './support/outages';

jest.setTimeout(300_000);

const ENV = { RATE_LIMIT_SOCKET_MESSAGES: '1000000', RATE_LIMIT_AUTH: '1000000', RATE_LIMIT_WRITES: '1000000' };

function chatSocket(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}${CHAT_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function json<T>(
  url: string,
  init: RequestInit & { token?: string; body?: string } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Sends over the socket and waits for the ack, as the web client does. */
function send(
  socket: Socket,
  roomId: string,
  content: string,
): Promise<{ ok: boolean; message?: Message; error?: unknown }> {
  return socket.timeout(20_000).emitWithAck('message:send', { roomId, content, clientId: randomUUID() });
}

describe('Outages: the API rides out Redis and PostgreSQL going away', () => {
  it('with Redis refusing connections: REST and single-process chat keep working, health is 503, and a registration mailed meanwhile arrives once Redis is back', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const env = { ...ENV, REDIS_URL: redis.url, QUEUE_PREFIX: `${currentRun().resilience.queuePrefix}-outage` };
    const api = await ApiProcess.start(env);
    const worker = await ApiProcess.startWorker(env);
    const sockets: Socket[] = [];
    try {
      const alice = await signedInUser(api);
      const bob = await signedInUser(api);
      const group = await json<Room>(`${api.url}/api/chats/groups`, {
        method: 'POST',
        token: alice.accessToken,
        body: JSON.stringify({ name: 'Outage', visibility: 'private', memberIds: [bob.user.id] }),
      });
      expect(group.status).toBe(201);
      const [a, b] = await Promise.all([chatSocket(api.url, alice.accessToken), chatSocket(api.url, bob.accessToken)]);
      sockets.push(a, b);
      const heard: string[] = [];
      b.on('message:new', (m: Message) => heard.push(m.content));
      let dropped = 0;
      for (const s of sockets) s.on('disconnect', () => dropped++);

      await redis.stop();
      await poll(async () => (await fetch(`${api.url}/api/health`)).status === 503, 'health 503 without Redis', 60_000);

      // REST reads and writes.
      const rooms = await json<{ items: Room[] }>(`${api.url}/api/chats`, { token: alice.accessToken });
      expect(rooms.status).toBe(200);
      expect(rooms.body.items.map((r) => r.id)).toContain(group.body.id);
      const viaRest = await json<Message>(`${api.url}/api/chats/${group.body.id}/messages`, {
        method: 'POST',
        token: bob.accessToken,
        body: JSON.stringify({ content: 'over REST while Redis is down', clientId: randomUUID() }),
      });
      expect(viaRest.status).toBe(201);

      // Chat on this one process: acknowledged and delivered live, and nobody is disconnected.
      const sent: string[] = [];
      for (let i = 0; i < 10; i++) {
        const ack = await send(a, group.body.id, `while Redis is down #${i}`);
        expect(ack).toEqual(expect.objectContaining({ ok: true }));
        sent.push(`while Redis is down #${i}`);
      }
      await poll(() => sent.every((c) => heard.includes(c)), 'live delivery without Redis', 30_000);
      expect(dropped).toBe(0);

      // A registration while the queue is unreachable: accepted, mailed once Redis returns.
      const email = `outage-${randomBytes(4).toString('hex')}@example.test`;
      const reg = await json(`${api.url}/api/auth/register`, {
        method: 'POST',
        body: JSON.stringify({ email, password: 'outage-password-1', displayName: 'Outage' }),
      });
      expect(reg.status).toBe(202);

      await redis.start();
      await poll(
        async () => (await fetch(`${api.url}/api/health`)).status === 200,
        'health 200 with Redis back',
        60_000,
      );
      let mails: Array<{ text: string }> = [];
      await poll(
        async () => {
          mails = (await json<Array<{ text: string }>>(`${api.url}/api/dev/outbox?to=${encodeURIComponent(email)}`))
            .body;
          return mails.length > 0;
        },
        'the code mail after Redis returned',
        120_000,
      );
      const code = /^\s*(\d{6})\s*$/m.exec(mails[0].text)?.[1];
      const confirmed = await json(`${api.url}/api/auth/confirm`, {
        method: 'POST',
        body: JSON.stringify({ email, code }),
      });
      expect(confirmed.status).toBe(201);
      // Exactly once, even after the relay and the worker had retried through the outage.
      expect(worker.alive).toBe(true);
      expect((await json<unknown[]>(`${api.url}/api/dev/outbox?to=${encodeURIComponent(email)}`)).body).toHaveLength(1);
      expect(api.alive).toBe(true);
      console.log(
        `redis outage: REST 200/201, ${sent.length} socket messages acknowledged and delivered, 0 sockets dropped, code mail delivered once after Redis returned`,
      );
    } finally {
      for (const s of sockets) s.disconnect();
      await worker.kill('SIGTERM');
      await api.kill('SIGTERM');
      await redis.stop();
    }
  });

  it('with PostgreSQL gone: health is 503 and requests fail cleanly; once it is back the same process serves again', async () => {
    const proxy = new PostgresProxy(await freePort());
    await proxy.up();
    const dbUrl = new URL(currentRun().resilience.databaseUrl);
    dbUrl.port = String(proxy.port);
    const api = await ApiProcess.start({ ...ENV, DATABASE_URL: dbUrl.toString() });
    try {
      const alice = await signedInUser(api);
      expect((await json(`${api.url}/api/auth/me`, { token: alice.accessToken })).status).toBe(200);

      await proxy.down();
      await poll(
        async () => (await fetch(`${api.url}/api/health`)).status === 503,
        'health 503 without PostgreSQL',
        60_000,
      );
      const during = await json(`${api.url}/api/auth/me`, { token: alice.accessToken });
      // Unavailable, said as such: never a hang, never a crash.
      expect(during.status).toBe(503);
      expect(api.alive).toBe(true);

      await proxy.up();
      await poll(
        async () => (await fetch(`${api.url}/api/health`)).status === 200,
        'health 200 with PostgreSQL back',
        60_000,
      );
      await poll(
        async () => (await json(`${api.url}/api/auth/me`, { token: alice.accessToken })).status === 200,
        'requests served again',
        60_000,
      );
      console.log('postgres restart: 503 while down, served again by the same process once back');
    } finally {
      await api.kill('SIGTERM');
      await proxy.down();
    }
  });
});
