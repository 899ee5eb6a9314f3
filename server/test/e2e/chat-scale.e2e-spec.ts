import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, Room } from '@world-it/contracts';
import { bearer, createUser, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets, connectChat, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

describe('Chat scale-out: two API processes sharing PostgreSQL and Redis', () => {
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
  const connect = (app: TestApp, u: TestUser): Promise<ChatClient> => chat.connect(app.url, u.accessToken);

  it('runs two socket.io servers on different ports', () => {
    expect(one.url).not.toBe(two.url);
  });

  it('delivers a message sent through one process to a client connected to the other (socket and REST)', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = (
      await one.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201)
    ).body as Room;
    const [ca, cb] = [await connect(one, a), await connect(two, b)];
    const ack = await ca.request('message:send', { roomId: room.id, content: 'across processes', clientId: 'x-1' });
    expect(ack.ok).toBe(true);
    expect(await cb.next('message:new', (m) => m.id === ack.message.id)).toEqual(ack.message);
    const viaRest = await two.http
      .post(`/api/chats/${room.id}/messages`)
      .set(bearer(b.accessToken))
      .send({ content: 'back again' })
      .expect(201);
    expect((await ca.next('message:new', (m) => m.id === viaRest.body.id)).content).toBe('back again');
  });

  it('subscribes a new member’s sockets on the other process (room:added, then the room’s messages)', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const cb = await connect(two, b);
    const g = (
      await one.http
        .post('/api/chats/groups')
        .set(bearer(a.accessToken))
        .send({ name: 'X', visibility: 'private', memberIds: [b.user.id] })
        .expect(201)
    ).body as Room;
    expect(await cb.next('room:added', (r) => r.id === g.id)).toMatchObject({ id: g.id });
    const msg = (
      await one.http
        .post(`/api/chats/${g.id}/messages`)
        .set(bearer(a.accessToken))
        .send({ content: 'hello other side' })
        .expect(201)
    ).body as Message;
    expect((await cb.next('message:new', (m) => m.id === msg.id)).content).toBe('hello other side');
  });

  it('counts presence across both processes: online while any socket is connected anywhere', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = (
      await one.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201)
    ).body as Room;
    const watcher = await connect(one, b);
    const onOne = await connectChat(one.url, a.accessToken);
    expect(await watcher.next('presence', (p) => p.userId === a.user.id && p.online)).toMatchObject({ online: true });
    const onTwo = await connectChat(two.url, a.accessToken);
    const seenBy = async (app: TestApp) =>
      ((await app.http.get(`/api/chats/${room.id}`).set(bearer(b.accessToken)).expect(200)).body as Room).members.find(
        (m) => m.id === a.user.id,
      )?.online;
    onOne.close();
    await settle();
    expect(watcher.received('presence').filter((p) => p.userId === a.user.id)).toEqual([]);
    expect(await seenBy(one)).toBe(true); // process one has no socket of a's, but two does
    expect(await seenBy(two)).toBe(true);
    onTwo.close();
    expect(await watcher.next('presence', (p) => p.userId === a.user.id && !p.online)).toMatchObject({
      online: false,
      lastSeenAt: expect.any(String),
    });
    expect(await seenBy(one)).toBe(false);
  });

  it('shares typing across processes: one typist in two tabs is announced once and lapses once, 5 s after the last refresh', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = (
      await one.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201)
    ).body as Room;
    const watcher = await connect(one, b);
    const heard: Array<{ isTyping: boolean; at: number }> = [];
    watcher.socket.on('typing', (e: { roomId: string; isTyping: boolean }) => {
      if (e.roomId === room.id) heard.push({ isTyping: e.isTyping, at: Date.now() });
    });
    const [tabOnOne, tabOnTwo] = [await connect(one, a), await connect(two, a)];
    expect(await tabOnOne.request('typing', { roomId: room.id, isTyping: true })).toEqual({ ok: true });
    await watcher.next('typing', (e) => e.isTyping);
    await settle(1000);
    expect(await tabOnTwo.request('typing', { roomId: room.id, isTyping: true })).toEqual({ ok: true });
    const lastRefresh = Date.now();
    // Process one's timer fires first (4 s from now), finds the key refreshed and waits the remainder.
    await watcher.next('typing', (e) => !e.isTyping, 8000);
    await settle(1500); // the other process's timer fires too: it must not announce again
    expect(heard.map((h) => h.isTyping)).toEqual([true, false]);
    expect(heard[1].at - lastRefresh).toBeGreaterThanOrEqual(4800);
    expect(heard[1].at - lastRefresh).toBeLessThan(6500);
    expect(tabOnOne.received('typing')).toEqual([]);
    expect(tabOnTwo.received('typing')).toEqual([]);
  }, 20_000);
});

describe('Chat in embedded mode (PGlite, no Redis)', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'world-it-chat-embedded-'));
    t = await createTestApp({
      env: { DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir, MEDIA_DIR: join(dataDir, 'media') },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends, receives live, keeps history, counts unread and presence in memory', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = (
      await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201)
    ).body as Room;
    const ca = await connectChat(t.url, a.accessToken);
    const cb = await connectChat(t.url, b.accessToken);
    try {
      const ack = await ca.request('message:send', { roomId: room.id, content: 'embedded hello', clientId: 'emb-1' });
      expect(ack.ok).toBe(true);
      expect((await cb.next('message:new')).content).toBe('embedded hello');
      expect(
        await ca.request('message:send', { roomId: room.id, content: 'embedded hello', clientId: 'emb-1' }),
      ).toEqual(ack);
      await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(b.accessToken))
        .send({ content: 'reply' })
        .expect(201);
      const history = await t.http.get(`/api/chats/${room.id}/messages`).set(bearer(a.accessToken)).expect(200);
      expect(history.body.items.map((m: Message) => m.content)).toEqual(['reply', 'embedded hello']);
      const list = await t.http.get('/api/chats').set(bearer(a.accessToken)).expect(200);
      expect(list.body.items[0]).toMatchObject({ id: room.id, unreadCount: 1, lastMessage: { content: 'reply' } });
      expect(list.body.items[0].members.find((m: { id: string }) => m.id === b.user.id).online).toBe(true);
    } finally {
      ca.close();
      cb.close();
    }
  });
});
