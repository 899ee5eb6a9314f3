import type { Message, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs, uploadPng } from '../utils/requests';

describe('Chat over REST: the contract rows, membership and admin rules', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dave: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob, carol, dave] = [await createUser(t), await createUser(t), await createUser(t), await createUser(t)];
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => requestsAs(t, u);
  const group = async (
    admin: TestUser,
    visibility: 'public' | 'private',
    members: TestUser[] = [],
    name = 'Group',
  ): Promise<Room> =>
    (
      await as(admin)
        .post('/api/chats/groups', { name, visibility, memberIds: members.map((m) => m.user.id) })
        .expect(201)
    ).body as Room;
  const send = async (u: TestUser, roomId: string, content: string): Promise<Message> =>
    (await as(u).post(`/api/chats/${roomId}/messages`, { content }).expect(201)).body as Message;

  describe('direct rooms', () => {
    it('creates the one room of a pair once (201), then returns it (200) from either side', async () => {
      const first = await as(alice).post('/api/chats/direct', { userId: bob.user.id }).expect(201);
      expect(first.body).toMatchObject({
        kind: 'direct',
        visibility: 'private',
        name: bob.user.displayName,
        adminId: null,
        membersCount: 2,
        unreadCount: 0,
        lastMessage: null,
      });
      expect(first.body.members.map((m: { id: string }) => m.id).sort()).toEqual([alice.user.id, bob.user.id].sort());
      const again = await as(alice).post('/api/chats/direct', { userId: bob.user.id }).expect(200);
      const other = await as(bob).post('/api/chats/direct', { userId: alice.user.id }).expect(200);
      expect(again.body.id).toBe(first.body.id);
      expect(other.body.id).toBe(first.body.id);
      expect(other.body.name).toBe(alice.user.displayName);
    });

    it('stays one room when both sides create it at the same moment', async () => {
      const [x, y] = await Promise.all([
        as(carol).post('/api/chats/direct', { userId: dave.user.id }),
        as(dave).post('/api/chats/direct', { userId: carol.user.id }),
      ]);
      expect(x.body.id).toBe(y.body.id);
      expect([x.status, y.status].sort()).toEqual([200, 201]);
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM room_members WHERE room_id = $1`, [x.body.id]);
      expect(rows[0].n).toBe(2);
    });

    it('refuses a DM with yourself (400), an unknown user (404) and a malformed id (400)', async () => {
      await as(alice).post('/api/chats/direct', { userId: alice.user.id }).expect(400);
      await as(alice).post('/api/chats/direct', { userId: '6f1c2b7e-1111-4222-8333-444455556666' }).expect(404);
      const bad = await as(alice).post('/api/chats/direct', { userId: 'nope' }).expect(400);
      expect(JSON.stringify(bad.body.message)).toContain('userId');
      await as(alice).post('/api/chats/direct', { userId: bob.user.id, extra: 1 }).expect(400);
    });

    it('is a 404 for everyone outside it, and cannot be left, renamed or deleted', async () => {
      const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      await as(carol).get(`/api/chats/${room.id}`).expect(404);
      await as(carol).get(`/api/chats/${room.id}/messages`).expect(404);
      await as(carol).post(`/api/chats/${room.id}/messages`, { content: 'hi' }).expect(404);
      await as(carol).post(`/api/chats/${room.id}/join`).expect(404);
      await as(alice).patch(`/api/chats/${room.id}`, { name: 'x' }).expect(403);
      await as(alice).del(`/api/chats/${room.id}`).expect(403);
      await as(alice).del(`/api/chats/${room.id}/members/${alice.user.id}`).expect(403);
    });
  });

  describe('messages', () => {
    it('sends (201), lists newest first, counts unread for the other side and clears them on read', async () => {
      const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      const m1 = await send(alice, room.id, 'one');
      const m2 = await send(alice, room.id, '  two  ');
      expect(m2).toMatchObject({
        roomId: room.id,
        content: 'two',
        clientId: null,
        image: null,
        editedAt: null,
        author: { id: alice.user.id },
      });
      const page = await as(bob).get(`/api/chats/${room.id}/messages`).expect(200);
      expect(page.body.items.slice(0, 2).map((m: Message) => m.id)).toEqual([m2.id, m1.id]);
      const unread = async (u: TestUser) =>
        ((await as(u).get(`/api/chats/${room.id}`).expect(200)).body as Room).unreadCount;
      const bobBefore = await unread(bob);
      expect(bobBefore).toBeGreaterThanOrEqual(2);
      expect(await unread(alice)).toBe(0); // one's own messages are never unread
      await as(bob).post(`/api/chats/${room.id}/read`, { messageId: m1.id }).expect(204);
      expect(await unread(bob)).toBe(1);
      await as(bob).post(`/api/chats/${room.id}/read`, { messageId: m2.id }).expect(204);
      expect(await unread(bob)).toBe(0);
      // The read position never moves back.
      await as(bob).post(`/api/chats/${room.id}/read`, { messageId: m1.id }).expect(204);
      expect(await unread(bob)).toBe(0);
      await as(bob)
        .post(`/api/chats/${room.id}/read`, { messageId: '6f1c2b7e-1111-4222-8333-444455556666' })
        .expect(404);
    });

    it('readBy: the peer’s read position shows in GET /api/chats and GET /api/chats/:id ("seen" after a reload)', async () => {
      const [x, y] = [await createUser(t), await createUser(t)];
      const room = (await as(x).post('/api/chats/direct', { userId: y.user.id }).expect(201)).body as Room;
      expect(room.readBy).toEqual([]);
      const m1 = await send(x, room.id, 'one');
      const m2 = await send(x, room.id, 'two');
      const readByOf = async (u: TestUser) => {
        const one = (await as(u).get(`/api/chats/${room.id}`).expect(200)).body as Room;
        const list = (await as(u).get('/api/chats').expect(200)).body.items as Room[];
        expect(list.find((r) => r.id === room.id)?.readBy).toEqual(one.readBy);
        return one.readBy;
      };
      expect(await readByOf(x)).toEqual([]);
      await as(y).post(`/api/chats/${room.id}/read`, { messageId: m1.id }).expect(204);
      expect(await readByOf(x)).toEqual([{ userId: y.user.id, messageId: m1.id, messageCreatedAt: m1.createdAt }]);
      await as(y).post(`/api/chats/${room.id}/read`, { messageId: m2.id }).expect(204);
      expect(await readByOf(x)).toEqual([{ userId: y.user.id, messageId: m2.id, messageCreatedAt: m2.createdAt }]);
      // Never one's own position; sending counts as having read up to one's own message.
      expect(await readByOf(y)).toEqual([{ userId: x.user.id, messageId: m2.id, messageCreatedAt: m2.createdAt }]);
    });

    it('readBy in a group: the other listed members who read (z has not); nothing for a reader from outside', async () => {
      const [x, y, z, outsider] = [await createUser(t), await createUser(t), await createUser(t), await createUser(t)];
      const g = await group(x, 'public', [y, z], `Seen ${Date.now()}`);
      const m = await send(x, g.id, 'hello all');
      await as(y).post(`/api/chats/${g.id}/read`, { messageId: m.id }).expect(204);
      const seenBy = async (u: TestUser) =>
        ((await as(u).get(`/api/chats/${g.id}`).expect(200)).body as Room).readBy.map((p) => p.userId).sort();
      expect(await seenBy(x)).toEqual([y.user.id]);
      expect(await seenBy(z)).toEqual([x.user.id, y.user.id].sort());
      expect(await seenBy(outsider)).toEqual([]);
    });

    it('validates the body: content or image required, ≤ 4096 chars, unknown fields refused', async () => {
      const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      await as(alice).post(`/api/chats/${room.id}/messages`, {}).expect(400);
      await as(alice).post(`/api/chats/${room.id}/messages`, { content: '   ' }).expect(400);
      const long = await as(alice)
        .post(`/api/chats/${room.id}/messages`, { content: 'x'.repeat(4097) })
        .expect(400);
      expect(JSON.stringify(long.body.message)).toContain('content');
      await as(alice)
        .post(`/api/chats/${room.id}/messages`, { content: 'x'.repeat(4096) })
        .expect(201);
      await as(alice).post(`/api/chats/${room.id}/messages`, { content: 'hi', roomId: room.id }).expect(400);
      await as(alice).post(`/api/chats/not-a-uuid/messages`, { content: 'hi' }).expect(400);
      // NUL characters cannot be stored by PostgreSQL: they are dropped, never a 500.
      const nul = await as(alice).post(`/api/chats/${room.id}/messages`, { content: 'a\u0000b' }).expect(201);
      expect(nul.body.content).toBe('ab');
      await as(alice).post(`/api/chats/${room.id}/messages`, { content: '\u0000' }).expect(400);
      await as(alice).post('/api/chats/groups', { name: '\u0000', visibility: 'public' }).expect(400);
      await as(alice).get('/api/chats/public?search=%00').expect(200);
    });

    it('is idempotent per clientId: the same message comes back and no second row is stored', async () => {
      const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      const a = await as(alice)
        .post(`/api/chats/${room.id}/messages`, { content: 'once', clientId: 'rest-once-1' })
        .expect(201);
      const b = await as(alice)
        .post(`/api/chats/${room.id}/messages`, { content: 'once', clientId: 'rest-once-1' })
        .expect(201);
      expect(b.body.id).toBe(a.body.id);
      expect(b.body.clientId).toBe('rest-once-1');
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM messages WHERE client_id = 'rest-once-1'`);
      expect(rows[0].n).toBe(1);
    });

    it('keeps a clientId to its room: the same clientId in another room is a 400, and nothing is stored there', async () => {
      const dm = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      const g = await group(alice, 'private', [bob]);
      await as(alice).post(`/api/chats/${dm.id}/messages`, { content: 'here', clientId: 'rest-room-1' }).expect(201);
      const res = await as(alice)
        .post(`/api/chats/${g.id}/messages`, { content: 'there', clientId: 'rest-room-1' })
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain('another room');
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [g.id]);
      expect(rows[0].n).toBe(0);
    });

    it('lets the author edit (editedAt set) and the author or room admin delete; deleted messages leave history', async () => {
      const g = await group(alice, 'private', [bob, carol]);
      const m = await send(bob, g.id, 'typo');
      await as(carol).patch(`/api/chats/${g.id}/messages/${m.id}`, { content: 'hack' }).expect(403);
      await as(alice).patch(`/api/chats/${g.id}/messages/${m.id}`, { content: 'hack' }).expect(403);
      const edited = await as(bob).patch(`/api/chats/${g.id}/messages/${m.id}`, { content: 'fixed' }).expect(200);
      expect(edited.body.content).toBe('fixed');
      expect(edited.body.editedAt).not.toBeNull();
      await as(bob).patch(`/api/chats/${g.id}/messages/${m.id}`, { content: '' }).expect(400);
      await as(carol).del(`/api/chats/${g.id}/messages/${m.id}`).expect(403);
      await as(alice).del(`/api/chats/${g.id}/messages/${m.id}`).expect(204); // the room admin
      await as(alice).del(`/api/chats/${g.id}/messages/${m.id}`).expect(404);
      const page = await as(bob).get(`/api/chats/${g.id}/messages`).expect(200);
      expect(page.body.items.map((x: Message) => x.id)).not.toContain(m.id);
      const own = await send(carol, g.id, 'mine');
      await as(carol).del(`/api/chats/${g.id}/messages/${own.id}`).expect(204);
      await as(dave).del(`/api/chats/${g.id}/messages/${own.id}`).expect(404);
    });

    it('paginates with limit and cursor; rejects bad limits and cursors with 400', async () => {
      const g = await group(alice, 'private', [bob]);
      const sent: string[] = [];
      for (let i = 0; i < 5; i++) sent.push((await send(alice, g.id, `m${i}`)).id);
      const p1 = await as(bob).get(`/api/chats/${g.id}/messages?limit=2`).expect(200);
      expect(p1.body.items.map((m: Message) => m.id)).toEqual([sent[4], sent[3]]);
      const p2 = await as(bob).get(`/api/chats/${g.id}/messages?limit=2&cursor=${p1.body.nextCursor}`).expect(200);
      expect(p2.body.items.map((m: Message) => m.id)).toEqual([sent[2], sent[1]]);
      const p3 = await as(bob).get(`/api/chats/${g.id}/messages?limit=2&cursor=${p2.body.nextCursor}`).expect(200);
      expect(p3.body.items.map((m: Message) => m.id)).toEqual([sent[0]]);
      expect(p3.body.nextCursor).toBeNull();
      await as(bob).get(`/api/chats/${g.id}/messages?limit=0`).expect(400);
      await as(bob).get(`/api/chats/${g.id}/messages?limit=101`).expect(400);
      await as(bob).get(`/api/chats/${g.id}/messages?limit=abc`).expect(400);
      await as(bob).get(`/api/chats/${g.id}/messages?cursor=garbage`).expect(400);
      const forged = Buffer.from(JSON.stringify({ t: 'yesterday', id: 'x' })).toString('base64url');
      await as(bob).get(`/api/chats/${g.id}/messages?cursor=${forged}`).expect(400);
    });
  });

  describe('images in messages', () => {
    it('attaches my own upload; someone else’s upload is a 400; a deleted image leaves a placeholder', async () => {
      const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      const img = await uploadPng(t, alice);
      const bobsImg = await uploadPng(t, bob);
      const stolen = await as(alice).post(`/api/chats/${room.id}/messages`, { imageId: bobsImg.id }).expect(400);
      expect(JSON.stringify(stolen.body.message)).toMatch(/imageId must be an image you uploaded/);
      const m = await as(alice).post(`/api/chats/${room.id}/messages`, { imageId: img.id }).expect(201);
      expect(m.body.image).toEqual(img);
      expect(m.body.content).toBe('');
      await t.http.delete(`/api/uploads/${img.id}`).set(bearer(alice.accessToken)).expect(204);
      const page = await as(bob).get(`/api/chats/${room.id}/messages?limit=5`).expect(200);
      const shown = page.body.items.find((x: Message) => x.id === m.body.id);
      expect(shown).toMatchObject({ image: null, imageRemoved: true });
    });
  });

  describe('groups', () => {
    it('creates a group with its creator as admin; validates name, visibility and members', async () => {
      const g = await group(alice, 'private', [bob], '  Team  ');
      expect(g).toMatchObject({
        kind: 'group',
        name: 'Team',
        visibility: 'private',
        adminId: alice.user.id,
        membersCount: 2,
      });
      await as(alice).post('/api/chats/groups', { name: '', visibility: 'public' }).expect(400);
      await as(alice)
        .post('/api/chats/groups', { name: 'x'.repeat(101), visibility: 'public' })
        .expect(400);
      await as(alice).post('/api/chats/groups', { name: 'x', visibility: 'secret' }).expect(400);
      await as(alice)
        .post('/api/chats/groups', {
          name: 'x',
          visibility: 'public',
          memberIds: ['6f1c2b7e-1111-4222-8333-444455556666'],
        })
        .expect(400);
    });

    it('hides a private group from outsiders (404) and gives members 403 for admin actions', async () => {
      const g = await group(alice, 'private', [bob]);
      await as(carol).get(`/api/chats/${g.id}`).expect(404);
      await as(carol).patch(`/api/chats/${g.id}`, { name: 'x' }).expect(404);
      await as(carol).post(`/api/chats/${g.id}/join`).expect(404);
      await as(carol).post(`/api/chats/${g.id}/members`, { userId: carol.user.id }).expect(404);
      await as(bob).patch(`/api/chats/${g.id}`, { name: 'mine now' }).expect(403);
      await as(bob).del(`/api/chats/${g.id}`).expect(403);
      await as(bob).post(`/api/chats/${g.id}/members`, { userId: carol.user.id }).expect(403);
      await as(bob).del(`/api/chats/${g.id}/members/${alice.user.id}`).expect(403);
    });

    it('lets the admin rename, change visibility and set an avatar of their own', async () => {
      const g = await group(alice, 'private', [bob]);
      const img = await uploadPng(t, alice);
      const updated = await as(alice)
        .patch(`/api/chats/${g.id}`, { name: 'Renamed', visibility: 'public', avatarImageId: img.id })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Renamed', visibility: 'public', avatarUrl: img.thumbUrl });
      const bobsImg = await uploadPng(t, bob);
      await as(alice).patch(`/api/chats/${g.id}`, { avatarImageId: bobsImg.id }).expect(400);
      const cleared = await as(alice).patch(`/api/chats/${g.id}`, { avatarImageId: null }).expect(200);
      expect(cleared.body.avatarUrl).toBeNull();
      await as(alice).patch(`/api/chats/${g.id}`, { name: '' }).expect(400);
    });

    it('public groups: anyone reads and joins (200); sending needs membership (403)', async () => {
      const g = await group(alice, 'public', [], `Open ${Date.now()}`);
      await send(alice, g.id, 'welcome');
      await as(dave).get(`/api/chats/${g.id}`).expect(200);
      const page = await as(dave).get(`/api/chats/${g.id}/messages`).expect(200);
      expect(page.body.items[0].content).toBe('welcome');
      await as(dave).post(`/api/chats/${g.id}/messages`, { content: 'hello?' }).expect(403);
      await as(dave).post(`/api/chats/${g.id}/read`, { messageId: page.body.items[0].id }).expect(403);
      const joined = await as(dave).post(`/api/chats/${g.id}/join`).expect(200);
      expect(joined.body.membersCount).toBe(2);
      await as(dave).post(`/api/chats/${g.id}/join`).expect(200); // idempotent
      await send(dave, g.id, 'hello!');
      const found = await as(carol)
        .get(`/api/chats/public?search=${encodeURIComponent(g.name.slice(2).toUpperCase())}`)
        .expect(200);
      expect(found.body.items.map((r: Room) => r.id)).toContain(g.id);
      const notFound = await as(carol).get(`/api/chats/public?search=%25_nothing_like_this`).expect(200);
      expect(notFound.body.items).toEqual([]);
    });

    it('admin adds and removes members; members leave; the oldest member inherits admin; the last one out deletes the room', async () => {
      const g = await group(alice, 'private', [bob]);
      const added = await as(alice).post(`/api/chats/${g.id}/members`, { userId: carol.user.id }).expect(200);
      expect(added.body.membersCount).toBe(3);
      await as(alice)
        .post(`/api/chats/${g.id}/members`, { userId: '6f1c2b7e-1111-4222-8333-444455556666' })
        .expect(404);
      await as(carol).get(`/api/chats/${g.id}`).expect(200);
      await as(alice).del(`/api/chats/${g.id}/members/${dave.user.id}`).expect(404);
      await as(alice).del(`/api/chats/${g.id}/members/${alice.user.id}`).expect(204); // the admin leaves
      const after = await as(bob).get(`/api/chats/${g.id}`).expect(200);
      expect(after.body.adminId).toBe(bob.user.id); // bob joined before carol
      await as(alice).get(`/api/chats/${g.id}`).expect(404);
      await as(bob).del(`/api/chats/${g.id}/members/${carol.user.id}`).expect(204);
      await as(carol).get(`/api/chats/${g.id}`).expect(404);
      await as(bob).del(`/api/chats/${g.id}/members/${bob.user.id}`).expect(204);
      const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM rooms WHERE id = $1`, [g.id]);
      expect(rows[0].n).toBe(0);
    });

    it('admin deletes the room and its messages (204)', async () => {
      const g = await group(alice, 'private', [bob]);
      await send(bob, g.id, 'soon gone');
      await as(alice).del(`/api/chats/${g.id}`).expect(204);
      await as(bob).get(`/api/chats/${g.id}`).expect(404);
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [g.id]);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('GET /api/chats', () => {
    it('lists my rooms by most recent activity with lastMessage and unreadCount, in pages', async () => {
      const me = await createUser(t);
      const rooms: Room[] = [];
      for (let i = 0; i < 3; i++) rooms.push(await group(me, 'private', [alice], `R${i}`));
      await send(alice, rooms[0].id, 'bump the oldest');
      const p1 = await as(me).get('/api/chats?limit=2').expect(200);
      expect(p1.body.items.map((r: Room) => r.id)).toEqual([rooms[0].id, rooms[2].id]);
      expect(p1.body.items[0]).toMatchObject({ unreadCount: 1, lastMessage: { content: 'bump the oldest' } });
      const p2 = await as(me).get(`/api/chats?limit=2&cursor=${p1.body.nextCursor}`).expect(200);
      expect(p2.body.items.map((r: Room) => r.id)).toEqual([rooms[1].id]);
      expect(p2.body.nextCursor).toBeNull();
      await t.http.get('/api/chats').expect(401);
    });
  });
});
