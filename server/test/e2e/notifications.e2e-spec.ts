import { randomUUID } from 'node:crypto';
import type { Notification, Page, Room } from '@world-it/contracts';
import { DomainEvents } from '../../src/common/events/domain-events';
import { createUser, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs } from '../utils/requests';

describe('Notifications: stored, listed, counted, marked read and pushed live', () => {
  let t: TestApp;
  const chat = chatSockets();

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => requestsAs(t, u);
  const connect = (u: TestUser): Promise<ChatClient> => chat.connect(t.url, u.accessToken);
  const direct = async (from: TestUser, to: TestUser): Promise<Room> =>
    (await as(from).post('/api/chats/direct', { userId: to.user.id })).body as Room;
  const dm = async (from: TestUser, roomId: string, content = 'hi'): Promise<void> => {
    await as(from).post(`/api/chats/${roomId}/messages`, { content }).expect(201);
  };
  const list = async (u: TestUser, query = ''): Promise<Page<Notification>> =>
    (await as(u).get(`/api/notifications${query}`).expect(200)).body as Page<Notification>;
  const unread = async (u: TestUser): Promise<number> =>
    ((await as(u).get('/api/notifications/unread-count').expect(200)).body as { count: number }).count;
  const events = () => t.app.get(DomainEvents);

  describe('a direct message while the recipient has no socket', () => {
    it('makes a `message` notification about the room, listed with its actor, and counts it unread', async () => {
      const [ann, bob] = [await createUser(t, { displayName: 'Ann' }), await createUser(t)];
      const room = await direct(ann, bob);
      await dm(ann, room.id);
      const page = await list(bob);
      expect(page).toEqual({
        items: [
          {
            id: expect.any(String),
            type: 'message',
            actor: { id: ann.user.id, displayName: 'Ann', avatarUrl: null, online: false },
            subjectId: room.id,
            actorsCount: 1,
            read: false,
            createdAt: expect.any(String),
          },
        ],
        nextCursor: null,
      });
      expect(await unread(bob)).toBe(1);
      // The sender gets nothing for their own message.
      expect((await list(ann)).items).toEqual([]);
    });

    it('folds several messages from one person in one room into one unread notification, moved to the newest', async () => {
      const [ann, bob, cat] = [await createUser(t), await createUser(t), await createUser(t)];
      const room = await direct(ann, bob);
      await dm(ann, room.id, 'one');
      const [first] = (await list(bob)).items;
      await dm(ann, room.id, 'two');
      await dm(ann, room.id, 'three');
      const after = (await list(bob)).items;
      expect(after).toHaveLength(1);
      expect(after[0].id).toBe(first.id);
      expect(Date.parse(after[0].createdAt)).toBeGreaterThan(Date.parse(first.createdAt));
      // Another person is another notification, newest first.
      await dm(cat, (await direct(cat, bob)).id);
      const both = (await list(bob)).items;
      expect(both.map((n) => n.actor?.id)).toEqual([cat.user.id, ann.user.id]);
      expect(await unread(bob)).toBe(2);
    });

    it('marks read by id and then all (204), and a message after reading makes a new notification', async () => {
      const [ann, bob, cat] = [await createUser(t), await createUser(t), await createUser(t)];
      const annRoom = await direct(ann, bob);
      await dm(ann, annRoom.id);
      await dm(cat, (await direct(cat, bob)).id);
      const [fromCat, fromAnn] = (await list(bob)).items;
      await as(bob)
        .post('/api/notifications/read', { ids: [fromAnn.id] })
        .expect(204);
      expect(await unread(bob)).toBe(1);
      expect((await list(bob)).items.map((n) => [n.id, n.read])).toEqual([
        [fromCat.id, false],
        [fromAnn.id, true],
      ]);
      await as(bob).post('/api/notifications/read').expect(204);
      expect(await unread(bob)).toBe(0);
      expect((await list(bob)).items.every((n) => n.read)).toBe(true);

      await dm(ann, annRoom.id, 'again');
      const items = (await list(bob)).items;
      expect(items).toHaveLength(3);
      expect(items[0]).toMatchObject({ type: 'message', read: false, actor: { id: ann.user.id } });
      expect(items[0].id).not.toBe(fromAnn.id);
      expect(await unread(bob)).toBe(1);
    });
  });

  it('makes no `message` notification for a group message, even to a member with no socket', async () => {
    const [ann, bob] = [await createUser(t), await createUser(t)];
    const group = (
      await as(ann)
        .post('/api/chats/groups', { name: 'G', visibility: 'private', memberIds: [bob.user.id] })
        .expect(201)
    ).body as Room;
    await dm(ann, group.id);
    expect((await list(bob)).items).toEqual([]);
  });

  it('makes no notification for a direct message to someone with a connected socket', async () => {
    const [ann, bob] = [await createUser(t), await createUser(t)];
    const room = await direct(ann, bob);
    const socket = await connect(bob);
    await dm(ann, room.id);
    await socket.next('message:new', (m) => m.roomId === room.id);
    // The send is answered only after its notification (if any) is stored.
    expect((await list(bob)).items).toEqual([]);
    expect(await unread(bob)).toBe(0);
    await settle();
    expect(socket.received('notification')).toEqual([]);
  });

  it('pushes `notification` and the new unread count live to a connected recipient', async () => {
    const [ann, bob] = [await createUser(t, { displayName: 'Ann' }), await createUser(t)];
    const socket = await connect(bob);
    const requestId = randomUUID();
    await events().emit('friendship.requested', { requestId, fromId: ann.user.id, toId: bob.user.id });
    const pushed = await socket.next('notification');
    expect(pushed).toEqual({
      id: expect.any(String),
      type: 'friend_request',
      actor: { id: ann.user.id, displayName: 'Ann', avatarUrl: null, online: false },
      subjectId: requestId,
      actorsCount: 1,
      read: false,
      createdAt: expect.any(String),
    });
    expect(await socket.next('notifications:unread')).toEqual({ count: 1 });
    expect((await list(bob)).items).toEqual([pushed]);

    // Reading on another device updates this one's badge.
    await as(bob).post('/api/notifications/read').expect(204);
    expect(await socket.next('notifications:unread')).toEqual({ count: 0 });
  });

  describe('from the real friendship and block routes', () => {
    it('a friend request reaches the addressee live as friend_request; accepting tells the requester live', async () => {
      const [ann, bob] = [await createUser(t, { displayName: 'Ann' }), await createUser(t, { displayName: 'Bob' })];
      const [annSocket, bobSocket] = [await connect(ann), await connect(bob)];
      const sent = await as(ann).post('/api/friendships/requests', { userId: bob.user.id }).expect(201);
      const pushed = await bobSocket.next('notification', (n) => n.type === 'friend_request');
      expect(pushed).toMatchObject({ actor: { id: ann.user.id }, subjectId: sent.body.id, read: false });
      expect(await unread(bob)).toBe(1);

      await as(bob).post(`/api/friendships/requests/${sent.body.id}/accept`).expect(200);
      const accepted = await annSocket.next('notification', (n) => n.type === 'friend_accepted');
      expect(accepted).toMatchObject({ actor: { id: bob.user.id }, read: false });
      expect((await list(ann)).items).toMatchObject([{ type: 'friend_accepted', actor: { id: bob.user.id } }]);
    });

    it('after a block in either direction, neither a missed DM nor a friend request notifies', async () => {
      const [ann, bob, cat] = [await createUser(t), await createUser(t), await createUser(t)];
      // A DM room made before the block: the message itself is refused once blocked (403 blocked).
      const room = await direct(ann, bob);
      await as(bob).post(`/api/profiles/${ann.user.id}/block`).expect(204);
      await as(ann).post(`/api/chats/${room.id}/messages`, { content: 'hi' }).expect(403);
      await as(ann).post('/api/friendships/requests', { userId: bob.user.id }).expect(403);
      await as(bob).post('/api/friendships/requests', { userId: ann.user.id }).expect(403);
      expect(await unread(bob)).toBe(0);
      expect(await unread(ann)).toBe(0);

      // The notification rule itself, for an event that does get through (a block made by the recipient).
      await as(cat).post(`/api/profiles/${ann.user.id}/block`).expect(204);
      await events().emit('friendship.requested', { requestId: randomUUID(), fromId: ann.user.id, toId: cat.user.id });
      await events().emit('message.missed', {
        recipientId: ann.user.id,
        authorId: cat.user.id,
        roomId: randomUUID(),
        messageId: randomUUID(),
      });
      expect(await unread(cat)).toBe(0);
      expect(await unread(ann)).toBe(0);
    });
  });

  describe('made from domain events (friendships and posts announce them)', () => {
    it('friendship.requested → friend_request to the addressee; friendship.accepted → friend_accepted to the requester', async () => {
      const [ann, bob] = [await createUser(t), await createUser(t)];
      const requestId = randomUUID();
      await events().emit('friendship.requested', { requestId, fromId: ann.user.id, toId: bob.user.id });
      await events().emit('friendship.accepted', { requesterId: ann.user.id, accepterId: bob.user.id });
      expect((await list(bob)).items).toMatchObject([
        { type: 'friend_request', actor: { id: ann.user.id }, subjectId: requestId, read: false },
      ]);
      expect((await list(ann)).items).toMatchObject([
        { type: 'friend_accepted', actor: { id: bob.user.id }, subjectId: null, read: false },
      ]);
    });

    it('folds repeats into one unread row even when they arrive at the same moment (and with no subject)', async () => {
      const [ann, bob] = [await createUser(t), await createUser(t)];
      const roomId = randomUUID();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          events().emit('message.missed', {
            recipientId: bob.user.id,
            authorId: ann.user.id,
            roomId,
            messageId: randomUUID(),
          }),
        ),
      );
      await Promise.all(
        Array.from({ length: 3 }, () =>
          events().emit('friendship.accepted', { requesterId: bob.user.id, accepterId: ann.user.id }),
        ),
      );
      expect((await list(bob)).items.map((n) => n.type).sort()).toEqual(['friend_accepted', 'message']);
      expect(await unread(bob)).toBe(2);
    });

    it('post.liked and post.commented → the post author, about the post; never for your own post', async () => {
      const [ann, bob] = [await createUser(t), await createUser(t)];
      const postId = randomUUID();
      await events().emit('post.liked', { postId, authorId: ann.user.id, actorId: bob.user.id });
      await events().emit('post.commented', {
        postId,
        authorId: ann.user.id,
        actorId: bob.user.id,
        commentId: randomUUID(),
      });
      await events().emit('post.commented', {
        postId,
        authorId: ann.user.id,
        actorId: ann.user.id,
        commentId: randomUUID(),
      });
      await events().emit('post.liked', { postId, authorId: ann.user.id, actorId: ann.user.id });
      expect((await list(ann)).items).toMatchObject([
        { type: 'post_commented', actor: { id: bob.user.id }, subjectId: postId },
        { type: 'post_liked', actor: { id: bob.user.id }, subjectId: postId },
      ]);
      expect(await unread(ann)).toBe(2);
    });
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const bob = await createUser(t);
    const actors = [await createUser(t), await createUser(t), await createUser(t)];
    for (const a of actors)
      await events().emit('friendship.requested', { requestId: randomUUID(), fromId: a.user.id, toId: bob.user.id });
    const first = await list(bob, '?limit=2');
    expect(first.items.map((n) => n.actor?.id)).toEqual([actors[2].user.id, actors[1].user.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(bob, `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.items.map((n) => n.actor?.id)).toEqual([actors[0].user.id]);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows anyone else's notifications, and marking someone else's ids read changes nothing", async () => {
    const [ann, bob, eve] = [await createUser(t), await createUser(t), await createUser(t)];
    await dm(ann, (await direct(ann, bob)).id);
    const [bobs] = (await list(bob)).items;
    expect((await list(eve)).items).toEqual([]);
    expect(await unread(eve)).toBe(0);
    await as(eve)
      .post('/api/notifications/read', { ids: [bobs.id] })
      .expect(204);
    await as(eve).post('/api/notifications/read').expect(204);
    expect(await unread(bob)).toBe(1);
    expect((await list(bob)).items[0].read).toBe(false);
  });

  it('answers bad input with 400 naming the field, and no token with 401', async () => {
    const bob = await createUser(t);
    const bad = await as(bob)
      .post('/api/notifications/read', { ids: ['not-a-uuid'] })
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('ids');
    await as(bob).post('/api/notifications/read', { ids: 'x' }).expect(400);
    await as(bob)
      .post('/api/notifications/read', { ids: Array.from({ length: 101 }, () => randomUUID()) })
      .expect(400);
    await as(bob).post('/api/notifications/read', { all: true }).expect(400);
    await as(bob).get('/api/notifications?limit=0').expect(400);
    await as(bob).get('/api/notifications?limit=101').expect(400);
    await as(bob).get('/api/notifications?cursor=garbage').expect(400);
    await as(bob)
      .post('/api/notifications/read', { ids: [['nested']] })
      .expect(400);
    const nul = await as(bob)
      .post('/api/notifications/read', { ids: ['a\u0000'] })
      .expect(400);
    expect(JSON.stringify(nul.body.message)).toContain('ids');
    const wrongShape = Buffer.from(JSON.stringify({ t: 'yesterday', id: randomUUID() })).toString('base64url');
    for (const qs of ['limit=abc', 'limit=1e20', 'limit=-1', `cursor=${wrongShape}`, 'cursor=a&cursor=b']) {
      const res = await as(bob).get(`/api/notifications?${qs}`).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(qs.split('=')[0]);
    }
    await t.http.get('/api/notifications').expect(401);
    await t.http.get('/api/notifications/unread-count').expect(401);
    await t.http.post('/api/notifications/read').send({}).expect(401);
  });
});
