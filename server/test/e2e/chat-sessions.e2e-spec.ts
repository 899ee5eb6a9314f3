import type { AuthResponse, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, DEFAULT_PASSWORD, waitForMail, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets, connectChat, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** Resolves with the disconnect reason the client saw (rejects if the socket stays connected). */
function disconnected(c: ChatClient, timeoutMs = 5000): Promise<string> {
  if (!c.socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    c.socket.once('disconnect', (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** A second session of the same user (another device). */
async function login(t: TestApp, u: TestUser, password = DEFAULT_PASSWORD): Promise<AuthResponse> {
  return (await t.http.post('/api/auth/login').send({ email: u.email, password }).expect(200)).body as AuthResponse;
}

describe('Chat sockets follow their session', () => {
  let t: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  const connect = (token: string): Promise<ChatClient> => chat.connect(t.url, token);
  const direct = async (a: TestUser, b: TestUser): Promise<Room> =>
    (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id })).body as Room;

  it('logout disconnects the sockets of that session, not those of another session', async () => {
    const u = await createUser(t);
    const other = await login(t, u);
    const [mine, mine2, theirs] = [
      await connect(u.accessToken),
      await connect(u.accessToken),
      await connect(other.accessToken),
    ];
    const gone = [disconnected(mine), disconnected(mine2)];
    await t.http.post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    await settle();
    expect(theirs.socket.connected).toBe(true);
    const peer = await createUser(t);
    const room = await direct(peer, u);
    expect(await theirs.request('typing', { roomId: room.id, isTyping: true })).toEqual({ ok: true });
    // The ended session cannot come back.
    await expect(connectChat(t.url, u.accessToken)).rejects.toThrow('unauthorized');
  });

  it('a password reset disconnects every socket of the user, and only theirs', async () => {
    const [u, bystander] = [await createUser(t), await createUser(t)];
    const other = await login(t, u);
    const sockets = [await connect(u.accessToken), await connect(other.accessToken)];
    const watcher = await connect(bystander.accessToken);
    const since = new Date();
    await t.http.post('/api/auth/password/forgot').send({ email: u.email }).expect(202);
    const mail = await waitForMail(t, u.email, { since, subject: /password reset/ });
    const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1] as string;
    const gone = sockets.map((c) => disconnected(c));
    await t.http
      .post('/api/auth/password/reset')
      .send({ email: u.email, code, newPassword: 'brand-new-password' })
      .expect(204);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    await settle();
    expect(watcher.socket.connected).toBe(true);
  });

  it('a password change disconnects the other sessions’ sockets and keeps the caller’s', async () => {
    const u = await createUser(t);
    const other = await login(t, u);
    const [mine, theirs] = [await connect(u.accessToken), await connect(other.accessToken)];
    const gone = disconnected(theirs);
    await t.http
      .post('/api/auth/password/change')
      .set(bearer(u.accessToken))
      .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'changed-password' })
      .expect(204);
    expect(await gone).toBe('io server disconnect');
    await settle();
    expect(mine.socket.connected).toBe(true);
  });

  it('reusing a spent refresh token disconnects that session’s sockets', async () => {
    const u = await createUser(t);
    const c = await connect(u.accessToken);
    await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    const gone = disconnected(c);
    await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    expect(await gone).toBe('io server disconnect');
  });
});

describe('Chat sockets and an expired access token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_ACCESS_TTL: '2' } });
  });
  afterAll(() => t.close());

  it('the next event is answered unauthorized and the socket disconnected; a refreshed token reconnects', async () => {
    const [u, peer] = [await createUser(t), await createUser(t)];
    const room = (
      await t.http.post('/api/chats/direct').set(bearer(peer.accessToken)).send({ userId: u.user.id }).expect(201)
    ).body as Room;
    const c = await connectChat(t.url, u.accessToken);
    try {
      await new Promise((r) => setTimeout(r, 2500));
      // Idle, it was left alone; the first event finds the token expired.
      expect(c.socket.connected).toBe(true);
      const gone = disconnected(c);
      expect(await c.request('message:send', { roomId: room.id, content: 'late', clientId: 'late-1' })).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
      expect(await gone).toBe('io server disconnect');
      // Nothing was stored for the refused event.
      const rows = await t.app.get(DataSource).query(`SELECT id FROM messages WHERE room_id = $1`, [room.id]);
      expect(rows).toEqual([]);
      await expect(connectChat(t.url, u.accessToken)).rejects.toThrow('unauthorized');

      const fresh = (await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200))
        .body as AuthResponse;
      const again = await connectChat(t.url, fresh.accessToken);
      try {
        expect(
          await again.request('message:send', { roomId: room.id, content: 'on time', clientId: 'late-1' }),
        ).toMatchObject({ ok: true, message: { content: 'on time' } });
      } finally {
        again.close();
      }
    } finally {
      c.close();
    }
  });
});
