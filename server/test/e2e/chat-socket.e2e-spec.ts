import type { Message, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets, connectChat, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { uploadPng } from '../utils/requests';

describe('Chat over Socket.IO (/chat)', () => {
  let t: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const connect = (u: TestUser): Promise<ChatClient> => chat.connect(t.url, u.accessToken);
  const direct = async (a: TestUser, b: TestUser): Promise<Room> =>
    (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id })).body as Room;
  const group = async (admin: TestUser, visibility: 'public' | 'private', members: TestUser[] = []): Promise<Room> =>
    (
      await t.http
        .post('/api/chats/groups')
        .set(bearer(admin.accessToken))
        .send({ name: 'G', visibility, memberIds: members.map((m) => m.user.id) })
        .expect(201)
    ).body as Room;

  describe('handshake', () => {
    it('refuses a missing, malformed or forged token with connect_error "unauthorized"', async () => {
      await expect(connectChat(t.url, undefined)).rejects.toThrow('unauthorized');
      await expect(connectChat(t.url, 'not-a-jwt')).rejects.toThrow('unauthorized');
      const u = await createUser(t);
      const [h, p] = u.accessToken.split('.');
      await expect(connectChat(t.url, `${h}.${p}.forgedsignature`)).rejects.toThrow('unauthorized');
    });
  });

  describe('messages', () => {
    it('two users exchange messages live; the ack comes after the message is stored', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      const ack = await ca.request('message:send', { roomId: room.id, content: 'hello bob', clientId: 'a-1' });
      expect(ack).toMatchObject({
        ok: true,
        message: { roomId: room.id, content: 'hello bob', clientId: 'a-1', author: { id: a.user.id, online: true } },
      });
      const rows = await t.app.get(DataSource).query(`SELECT content FROM messages WHERE id = $1`, [ack.message.id]);
      expect(rows).toEqual([{ content: 'hello bob' }]);
      expect(await cb.next('message:new', (m) => m.id === ack.message.id)).toEqual(ack.message);
      const reply = await cb.request('message:send', { roomId: room.id, content: 'hi alice', clientId: 'b-1' });
      expect((await ca.next('message:new', (m) => m.id === reply.message.id)).content).toBe('hi alice');
    });

    it('three users in a group all receive every message, including on a second socket of the sender', async () => {
      const [a, b, c] = [await createUser(t), await createUser(t), await createUser(t)];
      const g = await group(a, 'private', [b, c]);
      const [ca, ca2, cb, cc] = [await connect(a), await connect(a), await connect(b), await connect(c)];
      const ack = await cb.request('message:send', { roomId: g.id, content: 'to all', clientId: 'g-1' });
      for (const client of [ca, ca2, cb, cc])
        expect((await client.next('message:new', (m) => m.id === ack.message.id)).content).toBe('to all');
    });

    it('a message posted over REST is delivered live exactly as over the socket', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const cb = await connect(b);
      const res = await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(a.accessToken))
        .send({ content: 'via rest', clientId: 'r-1' })
        .expect(201);
      expect(await cb.next('message:new', (m) => m.id === res.body.id)).toEqual(res.body);
    });

    it('a resend with the same clientId returns the stored message and broadcasts nothing new', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      const first = await ca.request('message:send', { roomId: room.id, content: 'once', clientId: 'dup-1' });
      const again = await ca.request('message:send', { roomId: room.id, content: 'once', clientId: 'dup-1' });
      expect(again).toEqual(first);
      await cb.next('message:new', (m) => m.id === first.message.id);
      await settle();
      expect(cb.received('message:new').filter((m) => m.clientId === 'dup-1')).toEqual([]);
    });

    it('edits and deletes reach the room; only the author edits', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      const sent = await ca.request('message:send', { roomId: room.id, content: 'draft', clientId: 'e-1' });
      const denied = await cb.request('message:edit', { roomId: room.id, messageId: sent.message.id, content: 'mine' });
      expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const edited = await ca.request('message:edit', {
        roomId: room.id,
        messageId: sent.message.id,
        content: 'final',
      });
      expect(edited).toMatchObject({ ok: true, message: { content: 'final', editedAt: expect.any(String) } });
      expect((await cb.next('message:updated')).content).toBe('final');
      expect(await ca.request('message:delete', { roomId: room.id, messageId: sent.message.id })).toEqual({ ok: true });
      expect(await cb.next('message:deleted')).toEqual({ roomId: room.id, messageId: sent.message.id });
    });

    it('sends an image message with my uploaded image', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const img = await uploadPng(t, a);
      const [ca, cb] = [await connect(a), await connect(b)];
      const ack = await ca.request('message:send', { roomId: room.id, imageId: img.id, clientId: 'img-1' });
      expect(ack).toMatchObject({ ok: true, message: { image: img, content: '' } });
      expect((await cb.next('message:new')).image).toEqual(img);
      const other = await uploadPng(t, b);
      expect(await ca.request('message:send', { roomId: room.id, imageId: other.id, clientId: 'img-2' })).toMatchObject(
        {
          ok: false,
          error: { code: 'validation', message: expect.stringMatching(/image you uploaded/) },
        },
      );
    });
  });

  describe('errors are acks, never crashes', () => {
    it('answers not_found for a private room I am not in, forbidden for a public one I have not joined', async () => {
      const [a, b, x] = [await createUser(t), await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const pub = await group(a, 'public');
      const cx = await connect(x);
      expect(await cx.request('message:send', { roomId: room.id, content: 'sneak', clientId: 'x-1' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await cx.request('message:send', { roomId: pub.id, content: 'hey', clientId: 'x-2' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await cx.request('room:watch', { roomId: room.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await cx.request('read', { roomId: room.id, messageId: room.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('answers validation for bad payloads, and survives events without an ack or a payload', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const ca = await connect(a);
      for (const bad of [
        undefined,
        null,
        'text',
        42,
        [],
        { roomId: 'nope', content: 'x', clientId: 'v' },
        { roomId: room.id, content: 'x' },
        { roomId: room.id, clientId: 'v-1' },
        { roomId: room.id, content: 'x', clientId: 'v-2', admin: true },
        { roomId: room.id, content: 'x'.repeat(4097), clientId: 'v-3' },
      ]) {
        const ack = await ca.request('message:send', bad);
        expect(ack).toMatchObject({ ok: false, error: { code: 'validation', message: expect.any(String) } });
      }
      ca.socket.emit('message:send', { roomId: room.id, content: 'no ack', clientId: 'no-ack-1' });
      ca.socket.emit('typing');
      ca.socket.emit('message:edit', 'garbage');
      await settle(200);
      expect(ca.socket.connected).toBe(true);
      expect(
        await ca.request('message:send', { roomId: room.id, content: 'still fine', clientId: 'v-ok' }),
      ).toMatchObject({ ok: true });
      const stored = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM messages WHERE client_id = 'no-ack-1'`);
      expect(stored[0].n).toBe(1);
    });

    it('refuses a payload over 64 KB with too_large and keeps the connection open', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const ca = await connect(a);
      const ack = await ca.request('message:send', {
        roomId: room.id,
        content: 'x'.repeat(70 * 1024),
        clientId: 'big-1',
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'too_large' } });
      expect(ca.socket.connected).toBe(true);
      expect(await ca.request('message:send', { roomId: room.id, content: 'small', clientId: 'big-2' })).toMatchObject({
        ok: true,
      });
    });
  });

  describe('typing, read, presence', () => {
    it('typing reaches the others (not the typist) and lapses with isTyping:false after 5 s', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      ca.socket.emit('typing', { roomId: room.id, isTyping: true });
      const started = Date.now();
      expect(await cb.next('typing')).toEqual({
        roomId: room.id,
        user: expect.objectContaining({ id: a.user.id }),
        isTyping: true,
      });
      expect(await cb.next('typing', undefined, 7000)).toMatchObject({ roomId: room.id, isTyping: false });
      expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
      expect(ca.received('typing')).toEqual([]);
    }, 15_000);

    it('typing stops when the typist sends a message or says so', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      expect(await ca.request('typing', { roomId: room.id, isTyping: true })).toEqual({ ok: true });
      await cb.next('typing', (e) => e.isTyping);
      await ca.request('message:send', { roomId: room.id, content: 'done typing', clientId: 'ty-1' });
      expect(await cb.next('typing', (e) => !e.isTyping, 1000)).toMatchObject({ isTyping: false });
      const x = await connect(await createUser(t));
      expect(await x.request('typing', { roomId: room.id, isTyping: true })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('read moves the position, tells the room, and resets unreadCount', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, cb] = [await connect(a), await connect(b)];
      const m1 = (await ca.request('message:send', { roomId: room.id, content: '1', clientId: 'rd-1' }))
        .message as Message;
      const m2 = (await ca.request('message:send', { roomId: room.id, content: '2', clientId: 'rd-2' }))
        .message as Message;
      const unread = async () =>
        ((await t.http.get(`/api/chats/${room.id}`).set(bearer(b.accessToken))).body as Room).unreadCount;
      expect(await unread()).toBe(2);
      expect(await cb.request('read', { roomId: room.id, messageId: m1.id })).toEqual({ ok: true });
      expect(await ca.next('read')).toEqual({ roomId: room.id, userId: b.user.id, messageId: m1.id });
      expect(await unread()).toBe(1);
      await cb.request('read', { roomId: room.id, messageId: m2.id });
      expect(await unread()).toBe(0);
    });

    it('read reaches every socket of the reader too, so another tab clears its unread badge (socket and REST)', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = await direct(a, b);
      const [ca, tab1, tab2] = [await connect(a), await connect(b), await connect(b)];
      const m1 = (await ca.request('message:send', { roomId: room.id, content: '1', clientId: 'rt-1' }))
        .message as Message;
      expect(await tab2.request('read', { roomId: room.id, messageId: m1.id })).toEqual({ ok: true });
      const mine = { roomId: room.id, userId: b.user.id, messageId: m1.id };
      expect(await tab1.next('read')).toEqual(mine);
      expect(await tab2.next('read')).toEqual(mine);

      const m2 = (await ca.request('message:send', { roomId: room.id, content: '2', clientId: 'rt-2' }))
        .message as Message;
      await t.http.post(`/api/chats/${room.id}/read`).set(bearer(b.accessToken)).send({ messageId: m2.id }).expect(204);
      expect(await tab1.next('read', (e) => e.messageId === m2.id)).toEqual({ ...mine, messageId: m2.id });
    });

    it('presence: co-members see online on the first socket and offline (with lastSeenAt) after the last one', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const dm = await direct(a, b);
      const cb = await connect(b);
      const a1 = await connectChat(t.url, a.accessToken);
      expect(await cb.next('presence', (p) => p.userId === a.user.id)).toEqual({
        userId: a.user.id,
        online: true,
        lastSeenAt: null,
      });
      const a2 = await connectChat(t.url, a.accessToken);
      a1.close();
      await settle();
      expect(cb.received('presence').filter((p) => p.userId === a.user.id)).toEqual([]); // still one socket
      const room = (await t.http.get(`/api/chats/${dm.id}`).set(bearer(b.accessToken)).expect(200)).body as Room;
      expect(room.members.find((m) => m.id === a.user.id)?.online).toBe(true);
      a2.close();
      const off = await cb.next('presence', (p) => p.userId === a.user.id && !p.online);
      expect(off.lastSeenAt).toEqual(expect.any(String));
      const rows = await t.app.get(DataSource).query(`SELECT last_seen_at FROM users WHERE id = $1`, [a.user.id]);
      expect(rows[0].last_seen_at).not.toBeNull();
    });
  });

  describe('room events', () => {
    it('room:added to a new member, whose open sockets then receive the room’s messages; room:updated to the others', async () => {
      const [a, b, c] = [await createUser(t), await createUser(t), await createUser(t)];
      const g = await group(a, 'private', [b]);
      const [ca, cb, cc] = [await connect(a), await connect(b), await connect(c)];
      await t.http
        .post(`/api/chats/${g.id}/members`)
        .set(bearer(a.accessToken))
        .send({ userId: c.user.id })
        .expect(200);
      expect(await cc.next('room:added')).toMatchObject({ id: g.id, membersCount: 3 });
      expect(await cb.next('room:updated')).toMatchObject({ id: g.id, membersCount: 3 });
      const ack = await ca.request('message:send', { roomId: g.id, content: 'welcome c', clientId: 'w-1' });
      expect((await cc.next('message:new', (m) => m.id === ack.message.id)).content).toBe('welcome c');
    });

    // The peer's room:added for a direct room comes with its first message: chat-direct-visibility.e2e-spec.ts.
    it('room:added on a new direct room to its opener, and on a new group to each member', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const [ca, cb] = [await connect(a), await connect(b)];
      const room = await direct(a, b);
      expect(await ca.next('room:added')).toMatchObject({ id: room.id, kind: 'direct', name: b.user.displayName });
      const g = await group(a, 'private', [b]);
      expect(await cb.next('room:added', (r) => r.id === g.id)).toMatchObject({ kind: 'group', adminId: a.user.id });
    });

    it('room:updated on rename; room:removed to a removed member, who then hears nothing more', async () => {
      const [a, b, c] = [await createUser(t), await createUser(t), await createUser(t)];
      const g = await group(a, 'private', [b, c]);
      const [ca, cb, cc] = [await connect(a), await connect(b), await connect(c)];
      await t.http.patch(`/api/chats/${g.id}`).set(bearer(a.accessToken)).send({ name: 'Renamed' }).expect(200);
      expect(await cb.next('room:updated')).toMatchObject({ id: g.id, name: 'Renamed' });
      await t.http.delete(`/api/chats/${g.id}/members/${c.user.id}`).set(bearer(a.accessToken)).expect(204);
      expect(await cc.next('room:removed')).toEqual({ roomId: g.id });
      await settle(100);
      const ack = await ca.request('message:send', { roomId: g.id, content: 'after c left', clientId: 'rm-1' });
      await cb.next('message:new', (m) => m.id === ack.message.id);
      await settle();
      expect(cc.received('message:new').map((m) => m.id)).not.toContain(ack.message.id);
      expect(await cc.request('message:send', { roomId: g.id, content: 'let me in', clientId: 'rm-2' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('room:removed to every member when the admin deletes the room', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const g = await group(a, 'private', [b]);
      const cb = await connect(b);
      await t.http.delete(`/api/chats/${g.id}`).set(bearer(a.accessToken)).expect(204);
      expect(await cb.next('room:removed')).toEqual({ roomId: g.id });
    });

    it('room:watch streams a public room to a non-member until room:unwatch', async () => {
      const [a, x] = [await createUser(t), await createUser(t)];
      const pub = await group(a, 'public');
      const [ca, cx] = [await connect(a), await connect(x)];
      expect(await cx.request('room:watch', { roomId: pub.id })).toEqual({ ok: true });
      const m1 = await ca.request('message:send', { roomId: pub.id, content: 'to watchers', clientId: 'wt-1' });
      expect((await cx.next('message:new', (m) => m.id === m1.message.id)).content).toBe('to watchers');
      expect(await cx.request('room:unwatch', { roomId: pub.id })).toEqual({ ok: true });
      const m2 = await ca.request('message:send', { roomId: pub.id, content: 'not for you', clientId: 'wt-2' });
      await settle();
      expect(cx.received('message:new').map((m) => m.id)).not.toContain(m2.message.id);
    });
  });
});

describe('Chat socket rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_SOCKET_MESSAGES: '5' } });
  });
  afterAll(() => t.close());

  it('acks rate_limited past RATE_LIMIT_SOCKET_MESSAGES messages per 10 s, per user across sockets', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }))
      .body as Room;
    const ca = await connectChat(t.url, a.accessToken);
    const other = await connectChat(t.url, a.accessToken);
    try {
      const acks = [];
      for (let i = 0; i < 7; i++)
        acks.push(await ca.request('message:send', { roomId: room.id, content: `m${i}`, clientId: `rl-${i}` }));
      expect(acks.slice(0, 5).every((x) => x.ok)).toBe(true);
      expect(acks[5]).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
      expect(acks[6]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(ca.socket.connected).toBe(true);
      // Another socket of the same user spends from the same budget (more sockets buy no more messages)...
      expect(
        await other.request('message:send', { roomId: room.id, content: 'other socket', clientId: 'rl-other' }),
      ).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      // ...while another user has a budget of their own.
      const cb = await connectChat(t.url, b.accessToken);
      try {
        expect(
          await cb.request('message:send', { roomId: room.id, content: 'from b', clientId: 'rl-b' }),
        ).toMatchObject({ ok: true });
      } finally {
        cb.close();
      }
    } finally {
      ca.close();
      other.close();
    }
  });
});
