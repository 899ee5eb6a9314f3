import type { AdminStats, AdminUser, AuthResponse, Message, Page, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, DEFAULT_PASSWORD, uniqueEmail, type TestUser } from '../factories/users';
import { chatSockets, connectChat, disconnected } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { createDatabase, currentRun, databaseUrlFor, dropDatabase } from '../utils/test-env';
import { requestsAs } from '../utils/requests';

/** Polls until `check` holds (or fails after `timeoutMs` with the last value seen). */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in time; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const totalJobs = (s: AdminStats): number =>
  Object.values(s.queues).reduce((n, q) => n + q.waiting + q.active + q.failed + q.completed + q.delayed, 0);

describe('Admin', () => {
  let t: TestApp;
  let admin: TestUser;
  const chat = chatSockets();
  const as = (u: TestUser) => requestsAs(t, u);
  const login = (u: TestUser) => t.http.post('/api/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, { role: 'admin', displayName: 'Site Admin' });
  });
  afterAll(() => t.close());

  describe('who may call it', () => {
    const routes: Array<['get' | 'post', (id: string) => string]> = [
      ['get', () => '/api/admin/users'],
      ['get', () => '/api/admin/stats'],
      ['post', (id) => `/api/admin/users/${id}/ban`],
      ['post', (id) => `/api/admin/users/${id}/unban`],
    ];

    it('answers 401 without a token on every admin route', async () => {
      const victim = await createUser(t);
      for (const [method, path] of routes) {
        const res = await t.http[method](path(victim.user.id));
        expect([path(victim.user.id), res.status]).toEqual([path(victim.user.id), 401]);
      }
    });

    it('answers 403 to an ordinary user on every admin route, and bans nobody', async () => {
      const [user, victim] = [await createUser(t), await createUser(t)];
      for (const [method, path] of routes) {
        const res = await as(user)[method](path(victim.user.id));
        expect([path(victim.user.id), res.status]).toEqual([path(victim.user.id), 403]);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
      await as(victim).get('/api/auth/me').expect(200);
    });

    it('answers 403 once the role is taken away, on the very next request (the role is read from the database)', async () => {
      const former = await createUser(t, { role: 'admin' });
      await as(former).get('/api/admin/stats').expect(200);
      await t.app.get(DataSource).query(`UPDATE users SET role = 'user' WHERE id = $1`, [former.user.id]);
      await as(former).get('/api/admin/stats').expect(403);
    });
  });

  describe('GET /api/admin/users', () => {
    it('lists every account, newest first, Me-shaped with banned and confirmed (unconfirmed and banned ones too)', async () => {
      const tag = `zq${Date.now().toString(36)}`;
      const active = await createUser(t, { displayName: `${tag} Active`, firstName: 'Ada', lastName: 'Lovelace' });
      const banned = await createUser(t, { displayName: `${tag} Banned` });
      await as(admin).post(`/api/admin/users/${banned.user.id}/ban`).expect(204);
      const pending = uniqueEmail(tag);
      await t.http
        .post('/api/auth/register')
        .send({ email: pending, password: DEFAULT_PASSWORD, displayName: `${tag} Pending` })
        .expect(202);

      const page = (await as(admin).get('/api/admin/users').query({ search: tag }).expect(200)).body as Page<AdminUser>;
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((u) => u.displayName)).toEqual([`${tag} Pending`, `${tag} Banned`, `${tag} Active`]);
      const [p, b, a] = page.items;
      expect(p).toMatchObject({ email: pending, confirmed: false, banned: false, role: 'user' });
      expect(b).toMatchObject({ id: banned.user.id, confirmed: true, banned: true });
      expect(a).toEqual({
        ...active.user,
        online: false,
        friendship: 'none',
        friendsCount: 0,
        banned: false,
        confirmed: true,
      });
      // The same keys as Me plus the two admin flags: nothing internal (no password hash) leaks.
      expect(Object.keys(a).sort()).toEqual([...Object.keys(active.user), 'banned', 'confirmed'].sort());
    });

    it('searches by email (case-insensitive), by first/last/full name, and treats % and _ literally', async () => {
      const tag = `em${Date.now().toString(36)}`;
      const u = await createUser(t, {
        email: uniqueEmail(`${tag}-Mail`),
        firstName: 'Grace',
        lastName: `Hopper${tag}`,
      });
      const find = async (search: string) =>
        ((await as(admin).get('/api/admin/users').query({ search }).expect(200)).body as Page<AdminUser>).items.map(
          (x) => x.id,
        );
      expect(await find(`${tag}-mail`.toUpperCase())).toEqual([u.user.id]);
      expect(await find(`grace hopper${tag}`)).toEqual([u.user.id]);
      expect(await find(`  Hopper${tag} `)).toEqual([u.user.id]);
      expect(await find(`${tag}%`)).toEqual([]);
      expect(await find(`${tag.slice(0, 3)}_${tag.slice(4)}`)).toEqual([]);
    });

    it('pages with a keyset cursor: every account once, in order, nothing skipped', async () => {
      const tag = `pg${Date.now().toString(36)}`;
      const made: TestUser[] = [];
      for (let i = 0; i < 5; i++) made.push(await createUser(t, { displayName: `${tag} ${i}` }));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await as(admin)
            .get('/api/admin/users')
            .query({ search: tag, limit: 2, ...(cursor ? { cursor } : {}) })
            .expect(200)
        ).body as Page<AdminUser>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(made.map((m) => m.user.id).reverse());
    });

    it('answers 400 to a bad limit, cursor, search or unknown parameter', async () => {
      await as(admin).get('/api/admin/users').query({ limit: 0 }).expect(400);
      await as(admin).get('/api/admin/users').query({ limit: 101 }).expect(400);
      await as(admin).get('/api/admin/users').query({ cursor: 'not-a-cursor' }).expect(400);
      await as(admin)
        .get('/api/admin/users')
        .query({ search: 'x'.repeat(255) })
        .expect(400);
      await as(admin).get('/api/admin/users').query({ role: 'admin' }).expect(400);
    });
  });

  describe('ban and unban', () => {
    it('ban: 204; the token is refused at once, the socket dropped, refresh and login refused (403 banned)', async () => {
      const [u, bystander] = [await createUser(t), await createUser(t)];
      const socket = await chat.connect(t.url, u.accessToken);
      const watcher = await chat.connect(t.url, bystander.accessToken);
      await as(u).get('/api/auth/me').expect(200);
      const gone = disconnected(socket);

      await as(admin).post(`/api/admin/users/${u.user.id}/ban`).expect(204);

      await as(u).get('/api/auth/me').expect(401);
      expect(await gone).toBe('io server disconnect');
      await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      expect((await login(u).expect(403)).body).toMatchObject({ statusCode: 403, code: 'banned' });
      await expect(connectChat(t.url, u.accessToken)).rejects.toThrow('unauthorized');
      // Banning again is harmless; the bystander was never touched.
      await as(admin).post(`/api/admin/users/${u.user.id}/ban`).expect(204);
      expect(watcher.socket.connected).toBe(true);
      await as(bystander).get('/api/auth/me').expect(200);
      // A banned person is gone from People.
      await as(bystander).get(`/api/profiles/${u.user.id}`).expect(404);
    });

    it('unban: 204; the user can sign in again and use the new session (the old one stays ended)', async () => {
      const u = await createUser(t);
      await as(admin).post(`/api/admin/users/${u.user.id}/ban`).expect(204);
      await login(u).expect(403);
      await as(admin).post(`/api/admin/users/${u.user.id}/unban`).expect(204);
      const again = (await login(u).expect(200)).body as AuthResponse;
      await t.http.get('/api/auth/me').set(bearer(again.accessToken)).expect(200);
      const socket = await chat.connect(t.url, again.accessToken);
      expect(socket.socket.connected).toBe(true);
      await as(u).get('/api/auth/me').expect(401);
      const listed = (
        (await as(admin).get('/api/admin/users').query({ search: u.email }).expect(200)).body as Page<AdminUser>
      ).items;
      expect(listed).toMatchObject([{ id: u.user.id, banned: false }]);
      // Unbanning someone not banned is harmless.
      await as(admin).post(`/api/admin/users/${u.user.id}/unban`).expect(204);
    });

    it('refuses to ban yourself (400 cannot_ban_self) and keeps your session', async () => {
      const res = await as(admin).post(`/api/admin/users/${admin.user.id}/ban`).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'cannot_ban_self',
        message: 'an admin cannot ban themselves',
      });
      await as(admin).get('/api/admin/stats').expect(200);
    });

    it('answers 404 to an unknown id and 400 to a malformed one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await as(admin).post(`/api/admin/users/${unknown}/ban`).expect(404);
      await as(admin).post(`/api/admin/users/${unknown}/unban`).expect(404);
      const bad = await as(admin).post('/api/admin/users/not-a-uuid/ban').expect(400);
      expect(bad.body.message).toEqual(['id must be a UUID']);
    });
  });

  describe('content through the ordinary routes', () => {
    it('deletes another user’s message in a private group the admin is not in, and then the group itself', async () => {
      const [owner, member, outsider] = [await createUser(t), await createUser(t), await createUser(t)];
      const room = (
        await as(owner)
          .post('/api/chats/groups', { name: 'Private club', visibility: 'private', memberIds: [member.user.id] })
          .expect(201)
      ).body as Room;
      const message = (
        await as(member).post(`/api/chats/${room.id}/messages`, { content: 'spam spam spam' }).expect(201)
      ).body as Message;
      const ownerSocket = await chat.connect(t.url, owner.accessToken);

      // An ordinary user outside the room cannot even see it; the admin can delete in it.
      await as(outsider).del(`/api/chats/${room.id}/messages/${message.id}`).expect(404);
      await as(admin).del(`/api/chats/${room.id}/messages/${message.id}`).expect(204);
      expect(await ownerSocket.next('message:deleted', (e) => e.messageId === message.id)).toEqual({
        roomId: room.id,
        messageId: message.id,
      });
      const history = (await as(owner).get(`/api/chats/${room.id}/messages`).expect(200)).body as Page<Message>;
      expect(history.items.find((m) => m.id === message.id)?.content ?? '').toBe('');

      // A member who is not the room admin may not delete the group; the site admin may.
      await as(member).del(`/api/chats/${room.id}`).expect(403);
      await as(admin).del(`/api/chats/${room.id}`).expect(204);
      expect(await ownerSocket.next('room:removed', (e) => e.roomId === room.id)).toEqual({ roomId: room.id });
      await as(owner).get(`/api/chats/${room.id}`).expect(404);
    });

    it('deletes a message in someone else’s direct conversation, but a direct room stays (403)', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      const room = (await as(a).post('/api/chats/direct', { userId: b.user.id }).expect(201)).body as Room;
      const message = (await as(a).post(`/api/chats/${room.id}/messages`, { content: 'hi' }).expect(201))
        .body as Message;
      await as(admin).del(`/api/chats/${room.id}/messages/${message.id}`).expect(204);
      await as(admin).del(`/api/chats/${room.id}`).expect(403);
    });
  });

  describe('GET /api/admin/stats', () => {
    // Exact counts need a database and a queue no other suite writes to meanwhile: an app of its own
    // (services mode: a fresh PostgreSQL database and queue prefix; embedded mode: every app has its own).
    let own: TestApp;
    let ownAdmin: TestUser;
    const dbName = `${currentRun().databaseName}_admin_stats`;
    beforeAll(async () => {
      if (!process.env.E2E_EMBEDDED) await createDatabase(dbName);
      own = await createTestApp({
        env: process.env.E2E_EMBEDDED
          ? {}
          : { DATABASE_URL: databaseUrlFor(dbName), QUEUE_PREFIX: `${currentRun().queuePrefix}-admin-stats` },
      });
      ownAdmin = await createUser(own, { role: 'admin' });
    }, 60_000);
    afterAll(async () => {
      await own.close();
      if (!process.env.E2E_EMBEDDED) await dropDatabase(dbName);
    });
    const stats = async (): Promise<AdminStats> =>
      (await requestsAs(own, ownAdmin).get('/api/admin/stats').expect(200)).body as AdminStats;

    it('answers the totals and the counts of every job queue', async () => {
      const s = await stats();
      expect(s).toEqual({
        users: 1,
        posts: 0,
        messages: 0,
        rooms: 0,
        mailQueue: {
          waiting: expect.any(Number),
          active: expect.any(Number),
          failed: expect.any(Number),
          completed: expect.any(Number),
        },
        queues: {
          jobs: {
            waiting: expect.any(Number),
            active: expect.any(Number),
            failed: expect.any(Number),
            completed: expect.any(Number),
            delayed: expect.any(Number),
          },
        },
      });
      const jobs = s.queues.jobs;
      expect(s.mailQueue).toEqual({
        waiting: jobs.waiting + jobs.delayed,
        active: jobs.active,
        failed: jobs.failed,
        completed: jobs.completed,
      });
    });

    it('counts a registration (the user and its code mail), a room, a message (until deleted) and a post', async () => {
      const before = await stats();
      await own.http
        .post('/api/auth/register')
        .send({ email: uniqueEmail('stats'), password: DEFAULT_PASSWORD, displayName: 'Counted' })
        .expect(202);
      expect((await stats()).users).toBe(before.users + 1);
      // The code mail is relayed from the outbox into the queue: one more job, in whatever state it is.
      await eventually(stats, (s) => totalJobs(s) === totalJobs(before) + 1);

      const u = await createUser(own);
      const as2 = requestsAs(own, u);
      const room = (await as2.post('/api/chats/groups', { name: 'Counted', visibility: 'public' }).expect(201))
        .body as Room;
      const message = (await as2.post(`/api/chats/${room.id}/messages`, { content: 'one' }).expect(201))
        .body as Message;
      await own.app.get(DataSource).query(`INSERT INTO posts (author_id, title) VALUES ($1, 'Counted')`, [u.user.id]);
      expect(await stats()).toMatchObject({
        users: before.users + 2,
        rooms: before.rooms + 1,
        messages: before.messages + 1,
        posts: before.posts + 1,
      });

      await as2.del(`/api/chats/${room.id}/messages/${message.id}`).expect(204);
      expect((await stats()).messages).toBe(before.messages);
    });
  });
});
