import type { FriendRequest, Page, Profile, Room, UserSummary } from '@world-it/contracts';
import { bearer, createUser, createUsers, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('Blocking', () => {
  let t: TestApp;
  const chat = chatSockets();
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const connect = (u: TestUser): Promise<ChatClient> => chat.connect(t.url, u.accessToken);
  /** An acknowledged request: any event sent to this socket before it was answered has arrived by now. */
  const roundTrip = async (c: ChatClient): Promise<void> => {
    const ack = await c.request<{ ok: boolean }>('read', { roomId: UNKNOWN, messageId: UNKNOWN });
    expect(ack.ok).toBe(false);
  };
  const send = (from: TestUser, to: TestUser) =>
    t.http.post('/api/friendships/requests').set(bearer(from.accessToken)).send({ userId: to.user.id });
  const block = (by: TestUser, whom: string) => t.http.post(`/api/profiles/${whom}/block`).set(bearer(by.accessToken));
  const befriend = async (a: TestUser, b: TestUser): Promise<void> => {
    const req = (await send(a, b).expect(201)).body as FriendRequest;
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(b.accessToken)).expect(200);
  };
  const friendIds = async (u: TestUser): Promise<string[]> =>
    ((await t.http.get('/api/friendships').set(bearer(u.accessToken)).expect(200)).body as Page<UserSummary>).items.map(
      (f) => f.id,
    );
  const requestIds = async (u: TestUser, direction: 'incoming' | 'outgoing'): Promise<string[]> =>
    (
      (await t.http.get(`/api/friendships/requests?direction=${direction}`).set(bearer(u.accessToken)).expect(200))
        .body as Page<FriendRequest>
    ).items.map((r) => r.id);
  const search = async (viewer: TestUser, text: string): Promise<string[]> =>
    (
      (
        await t.http
          .get(`/api/profiles?search=${encodeURIComponent(text)}`)
          .set(bearer(viewer.accessToken))
          .expect(200)
      ).body as Page<Profile>
    ).items.map((p) => p.id);

  it('blocks idempotently (204), lists whom I block, and refuses myself (400), unknown (404), bad ids (400)', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await block(ann, bob.user.id).expect(204);
    await block(ann, bob.user.id).expect(204);
    await block(ann, ann.user.id).expect(400);
    await block(ann, UNKNOWN).expect(404);
    await block(ann, 'not-a-uuid').expect(400);
    await t.http.post(`/api/profiles/${bob.user.id}/block`).expect(401);
    const list = await t.http.get('/api/profiles/me/blocked').set(bearer(ann.accessToken)).expect(200);
    expect(list.body).toEqual({
      items: [{ id: bob.user.id, displayName: bob.user.displayName, avatarUrl: null, online: false }],
      nextCursor: null,
    });
    expect((await t.http.get('/api/profiles/me/blocked').set(bearer(bob.accessToken)).expect(200)).body.items).toEqual(
      [],
    );
    await t.http.get('/api/profiles/me/blocked?cursor=garbage').set(bearer(ann.accessToken)).expect(400);
    await t.http.delete(`/api/profiles/${bob.user.id}/block`).set(bearer(ann.accessToken)).expect(204);
    await t.http.delete(`/api/profiles/${bob.user.id}/block`).set(bearer(ann.accessToken)).expect(204);
    await t.http.delete(`/api/profiles/${UNKNOWN}/block`).set(bearer(ann.accessToken)).expect(404);
    await t.http.delete(`/api/profiles/${ann.user.id}/block`).set(bearer(ann.accessToken)).expect(400);
    expect((await t.http.get('/api/profiles/me/blocked').set(bearer(ann.accessToken))).body.items).toEqual([]);
  });

  it('reads an upper-case id as the same person: myself is still 400 (naming id), a friend still loses the friendship', async () => {
    const [ann, bob] = await createUsers(t, 2);
    const self = await block(ann, ann.user.id.toUpperCase()).expect(400);
    expect(self.body.message).toEqual(['id must be someone else: you cannot block yourself']);
    await t.http.delete(`/api/profiles/${ann.user.id.toUpperCase()}/block`).set(bearer(ann.accessToken)).expect(400);
    const bad = await block(ann, 'not-a-uuid').expect(400);
    expect(bad.body.message).toEqual(['id must be a UUID']);

    await befriend(ann, bob);
    await block(ann, bob.user.id.toUpperCase()).expect(204);
    expect(await friendIds(ann)).toEqual([]);
    expect(await friendIds(bob)).toEqual([]);
    const list = await t.http.get('/api/profiles/me/blocked').set(bearer(ann.accessToken)).expect(200);
    expect((list.body as Page<UserSummary>).items.map((u) => u.id)).toEqual([bob.user.id]);
    await send(bob, ann).expect(403);
    await t.http.delete(`/api/profiles/${bob.user.id.toUpperCase()}/block`).set(bearer(ann.accessToken)).expect(204);
    expect((await t.http.get('/api/profiles/me/blocked').set(bearer(ann.accessToken))).body.items).toEqual([]);
  });

  it('a block racing friend requests both ways leaves no request and no friendship behind, never a 5xx', async () => {
    const [ann, bob] = await createUsers(t, 2);
    const results = await Promise.all([
      send(ann, bob),
      send(bob, ann),
      block(bob, ann.user.id),
      send(ann, bob),
      send(bob, ann),
      block(bob, ann.user.id),
    ]);
    // Each answer is one the contract gives for the state the pair was in at that instant: 201 asked,
    // 200 crossing requests met, 409 already friends (both asked first), 403 blocked, 204 blocked.
    for (const r of results) expect([200, 201, 204, 403, 409]).toContain(r.status);
    expect(await requestIds(ann, 'outgoing')).toEqual([]);
    expect(await requestIds(ann, 'incoming')).toEqual([]);
    expect(await friendIds(ann)).toEqual([]);
    expect(await friendIds(bob)).toEqual([]);
    await send(ann, bob).expect(403);
  });

  it('pages the blocked list newest first', async () => {
    const [ann, b1, b2] = await createUsers(t, 3);
    await block(ann, b1.user.id).expect(204);
    await block(ann, b2.user.id).expect(204);
    const first = await t.http.get('/api/profiles/me/blocked?limit=1').set(bearer(ann.accessToken)).expect(200);
    expect(first.body.items.map((u: UserSummary) => u.id)).toEqual([b2.user.id]);
    const second = await t.http
      .get(`/api/profiles/me/blocked?limit=1&cursor=${first.body.nextCursor}`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: b1.user.id })], nextCursor: null });
  });

  it('ends the friendship and every pending request between the two, both ways', async () => {
    const [ann, bob, cat, dan] = await createUsers(t, 4);
    await befriend(ann, bob);
    const toAnn = (await send(cat, ann).expect(201)).body as FriendRequest;
    const fromAnn = (await send(ann, dan).expect(201)).body as FriendRequest;
    await block(ann, bob.user.id).expect(204);
    await block(ann, cat.user.id).expect(204);
    await block(dan, ann.user.id).expect(204); // the other side blocking ends it too
    expect(await friendIds(ann)).toEqual([]);
    expect(await friendIds(bob)).toEqual([]);
    expect(await requestIds(ann, 'incoming')).not.toContain(toAnn.id);
    expect(await requestIds(cat, 'outgoing')).toEqual([]);
    expect(await requestIds(ann, 'outgoing')).not.toContain(fromAnn.id);
    expect(await requestIds(dan, 'incoming')).toEqual([]);
    const profile = (await t.http.get(`/api/profiles/${bob.user.id}`).set(bearer(ann.accessToken))).body as Profile;
    expect(profile).toMatchObject({ friendship: 'none', friendsCount: 0 });
  });

  it('refuses friend requests both ways while blocked (403 blocked), and allows them after unblocking', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await block(ann, bob.user.id).expect(204);
    const fromBlocked = await send(bob, ann).expect(403);
    expect(fromBlocked.body).toMatchObject({ statusCode: 403, code: 'blocked' });
    expect((await send(ann, bob).expect(403)).body.code).toBe('blocked');
    await t.http.delete(`/api/profiles/${bob.user.id}/block`).set(bearer(ann.accessToken)).expect(204);
    await send(bob, ann).expect(201);
  });

  it('refuses direct messages both ways over REST and the socket (403 / ack code blocked)', async () => {
    const [ann, bob, cat] = await createUsers(t, 3);
    const room = (
      await t.http.post('/api/chats/direct').set(bearer(ann.accessToken)).send({ userId: bob.user.id }).expect(201)
    ).body as Room;
    await block(bob, ann.user.id).expect(204);
    for (const [from, to] of [
      [ann, bob],
      [bob, ann],
    ] as const) {
      const open = await t.http
        .post('/api/chats/direct')
        .set(bearer(from.accessToken))
        .send({ userId: to.user.id })
        .expect(403);
      expect(open.body.code).toBe('blocked');
      const post = await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(from.accessToken))
        .send({ content: 'hello?' })
        .expect(403);
      expect(post.body.code).toBe('blocked');
      const socket = await connect(from);
      const ack = await socket.request('message:send', {
        roomId: room.id,
        content: 'hi',
        clientId: `c-${from.user.id}`,
      });
      expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'blocked' }) });
    }
    // someone else is unaffected
    await t.http.post('/api/chats/direct').set(bearer(cat.accessToken)).send({ userId: bob.user.id }).expect(201);
    await t.http.delete(`/api/profiles/${ann.user.id}/block`).set(bearer(bob.accessToken)).expect(204);
    await t.http
      .post(`/api/chats/${room.id}/messages`)
      .set(bearer(ann.accessToken))
      .send({ content: 'ok' })
      .expect(201);
  });

  it("hides each from the other's people search and suggestions, both ways; others still see both", async () => {
    const [ann, bob, mutual, other] = await Promise.all([
      createUser(t, { displayName: `Hidden Ann ${tag}` }),
      createUser(t, { displayName: `Hidden Bob ${tag}` }),
      createUser(t),
      createUser(t),
    ]);
    await befriend(ann, mutual);
    await befriend(bob, mutual);
    const suggested = async (u: TestUser) =>
      (
        (await t.http.get('/api/friendships/suggestions').set(bearer(u.accessToken)).expect(200)).body as UserSummary[]
      ).map((s) => s.id);
    expect(await suggested(ann)).toContain(bob.user.id);
    expect(await search(ann, `hidden bob ${tag}`)).toEqual([bob.user.id]);

    await block(ann, bob.user.id).expect(204);
    expect(await search(ann, `hidden bob ${tag}`)).toEqual([]);
    expect(await search(bob, `hidden ann ${tag}`)).toEqual([]);
    expect(await search(ann, `hidden`)).not.toContain(bob.user.id);
    expect(await suggested(ann)).not.toContain(bob.user.id);
    expect(await suggested(bob)).not.toContain(ann.user.id);
    expect((await search(other, `hidden`)).filter((id) => [ann.user.id, bob.user.id].includes(id)).sort()).toEqual(
      [ann.user.id, bob.user.id].sort(),
    );
    // friend lists of a third person leave out whoever is in a block with the viewer
    const mutualsFriends = await t.http
      .get(`/api/profiles/${mutual.user.id}/friends`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(mutualsFriends.body.items.map((u: UserSummary) => u.id)).toEqual([ann.user.id]);
  });

  it('a profile by id stays visible both ways, without presence, and says whether I block them', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await connect(bob);
    await connect(ann);
    expect((await t.http.get(`/api/profiles/${bob.user.id}`).set(bearer(ann.accessToken))).body.online).toBe(true);
    await block(ann, bob.user.id).expect(204);
    const bobSeenByAnn = (await t.http.get(`/api/profiles/${bob.user.id}`).set(bearer(ann.accessToken)).expect(200))
      .body as Profile;
    expect(bobSeenByAnn).toMatchObject({
      id: bob.user.id,
      online: false,
      lastSeenAt: null,
      friendship: 'none',
      blockedByMe: true,
    });
    const annSeenByBob = (await t.http.get(`/api/profiles/${ann.user.id}`).set(bearer(bob.accessToken)).expect(200))
      .body as Profile;
    expect(annSeenByBob).toMatchObject({ online: false, lastSeenAt: null, blockedByMe: false });
  });

  it('presence never reaches the other side, even in a group both are in; other co-members still get it', async () => {
    const [ann, bob, cat] = await createUsers(t, 3);
    await t.http
      .post('/api/chats/groups')
      .set(bearer(cat.accessToken))
      .send({ name: `Both ${tag}`, visibility: 'private', memberIds: [ann.user.id, bob.user.id] })
      .expect(201);
    await block(bob, ann.user.id).expect(204);
    const cb = await connect(bob);
    const cc = await connect(cat);
    const ca = await connect(ann);
    expect(await cc.next('presence', (p) => p.userId === ann.user.id && p.online)).toBeDefined();
    // One emit reached cat; anything for bob would be in his socket before this ack comes back.
    await roundTrip(cb);
    expect(cb.received('presence').filter((p) => p.userId === ann.user.id)).toEqual([]);
    ca.close();
    expect(await cc.next('presence', (p) => p.userId === ann.user.id && !p.online)).toBeDefined();
    await roundTrip(cb);
    expect(cb.received('presence').filter((p) => p.userId === ann.user.id)).toEqual([]);
    // and the other way: bob's own coming and going is not told to ann
    const ca2 = await connect(ann);
    cb.close();
    expect(await cc.next('presence', (p) => p.userId === bob.user.id && !p.online)).toBeDefined();
    await roundTrip(ca2);
    expect(ca2.received('presence').filter((p) => p.userId === bob.user.id)).toEqual([]);
  });

  it('at the moment of a block each hears the other go offline; an unblock tells each where the other stands', async () => {
    const [ann, bob] = await createUsers(t, 2);
    const [ca, cb] = [await connect(ann), await connect(bob)];
    await block(bob, ann.user.id).expect(204);
    expect(await ca.next('presence', (p) => p.userId === bob.user.id && !p.online)).toBeDefined();
    expect(await cb.next('presence', (p) => p.userId === ann.user.id && !p.online)).toBeDefined();

    await t.http.delete(`/api/profiles/${ann.user.id}/block`).set(bearer(bob.accessToken)).expect(204);
    expect(await ca.next('presence', (p) => p.userId === bob.user.id && p.online)).toBeDefined();
    expect(await cb.next('presence', (p) => p.userId === ann.user.id && p.online)).toBeDefined();
  });

  describe('presence in per-viewer payloads while both are connected', () => {
    /** Ann and Bob (Bob blocked Ann) share Cat's group; Cat is friends with both; all three connected. */
    let run = 0;
    const setUp = async () => {
      const key = `seen${tag}x${++run}`;
      const [ann, bob, cat] = await Promise.all([
        createUser(t, { displayName: `Ann ${key}` }),
        createUser(t, { displayName: `Bob ${key}` }),
        createUser(t, { displayName: `Cat ${key}` }),
      ]);
      await befriend(cat, ann);
      await befriend(cat, bob);
      await send(bob, ann).expect(201); // Ann is notified, Bob the actor; the block below ends the request
      const room = (
        await t.http
          .post('/api/chats/groups')
          .set(bearer(cat.accessToken))
          .send({ name: `Seen ${key}`, visibility: 'private', memberIds: [ann.user.id, bob.user.id] })
          .expect(201)
      ).body as Room;
      await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(bob.accessToken))
        .send({ content: 'bob was here' })
        .expect(201);
      await block(bob, ann.user.id).expect(204);
      const sockets = { cat: await connect(cat), ann: await connect(ann), bob: await connect(bob) };
      // Both are counted online once Cat (who shares the room and is friends with both) hears it.
      await sockets.cat.next('presence', (p) => p.userId === ann.user.id && p.online);
      await sockets.cat.next('presence', (p) => p.userId === bob.user.id && p.online);
      return { ann, bob, cat, room, sockets, key };
    };
    const onlineOf = (people: UserSummary[]) => Object.fromEntries(people.map((p) => [p.id, p.online]));

    it('GET /api/chats/:id, GET /api/chats and message pages show the other offline; Cat sees both online', async () => {
      const { ann, bob, cat, room } = await setUp();
      const getRoom = async (u: TestUser) =>
        (await t.http.get(`/api/chats/${room.id}`).set(bearer(u.accessToken)).expect(200)).body as Room;
      const listed = async (u: TestUser) =>
        ((await t.http.get('/api/chats').set(bearer(u.accessToken)).expect(200)).body as Page<Room>).items.find(
          (r) => r.id === room.id,
        )!;
      const authors = async (u: TestUser) =>
        (
          (await t.http.get(`/api/chats/${room.id}/messages`).set(bearer(u.accessToken)).expect(200)).body as Page<{
            author: UserSummary;
          }>
        ).items.map((m) => m.author);

      for (const r of [await getRoom(ann), await listed(ann)]) {
        expect(onlineOf(r.members)).toEqual({ [cat.user.id]: true, [ann.user.id]: true, [bob.user.id]: false });
        expect(r.lastMessage?.author).toMatchObject({ id: bob.user.id, online: false });
      }
      for (const r of [await getRoom(bob), await listed(bob)]) {
        expect(onlineOf(r.members)).toEqual({ [cat.user.id]: true, [ann.user.id]: false, [bob.user.id]: true });
      }
      expect(onlineOf((await getRoom(cat)).members)).toEqual({
        [cat.user.id]: true,
        [ann.user.id]: true,
        [bob.user.id]: true,
      });
      expect(await authors(ann)).toEqual([expect.objectContaining({ id: bob.user.id, online: false })]);
      expect(await authors(cat)).toEqual([expect.objectContaining({ id: bob.user.id, online: true })]);
    });

    it('room:updated pushed to each member carries presence as that member may see it', async () => {
      const { ann, bob, cat, room, sockets } = await setUp();
      await t.http
        .patch(`/api/chats/${room.id}`)
        .set(bearer(cat.accessToken))
        .send({ name: `Renamed ${tag}` })
        .expect(200);
      const seen = async (c: ChatClient) =>
        onlineOf((await c.next('room:updated', (r) => r.id === room.id && r.name === `Renamed ${tag}`)).members);
      expect(await seen(sockets.ann)).toMatchObject({ [bob.user.id]: false, [cat.user.id]: true });
      expect(await seen(sockets.bob)).toMatchObject({ [ann.user.id]: false, [cat.user.id]: true });
      expect(await seen(sockets.cat)).toMatchObject({ [ann.user.id]: true, [bob.user.id]: true });
    });

    it('people search, friend lists and notifications never show the other online; others still see both', async () => {
      const { ann, bob, cat, key } = await setUp();
      const profiles = async (viewer: TestUser) =>
        (
          (await t.http.get(`/api/profiles?search=${key}`).set(bearer(viewer.accessToken)).expect(200))
            .body as Page<Profile>
        ).items;
      const friendsOfCat = async (viewer: TestUser) =>
        (
          (await t.http.get(`/api/profiles/${cat.user.id}/friends`).set(bearer(viewer.accessToken)).expect(200))
            .body as Page<UserSummary>
        ).items;

      // The other is left out altogether; whoever is shown carries real presence.
      expect(onlineOf(await profiles(ann))).toEqual({ [ann.user.id]: true, [cat.user.id]: true });
      expect(onlineOf(await profiles(bob))).toEqual({ [bob.user.id]: true, [cat.user.id]: true });
      expect(onlineOf(await profiles(cat))).toEqual({
        [ann.user.id]: true,
        [bob.user.id]: true,
        [cat.user.id]: true,
      });
      expect(onlineOf(await friendsOfCat(ann))).toEqual({ [ann.user.id]: true });
      expect(onlineOf(await friendsOfCat(bob))).toEqual({ [bob.user.id]: true });
      expect(onlineOf(await friendsOfCat(cat))).toEqual({ [ann.user.id]: true, [bob.user.id]: true });

      // Bob's friend request notified Ann before the block; the notification stays, Bob reads offline in it.
      const notifications = (await t.http.get('/api/notifications').set(bearer(ann.accessToken)).expect(200))
        .body as Page<{ type: string; actor: UserSummary | null }>;
      const fromBob = notifications.items.filter((n) => n.actor?.id === bob.user.id);
      expect(fromBob).toEqual([expect.objectContaining({ type: 'friend_request' })]);
      expect(fromBob[0].actor).toMatchObject({ online: false });
      const fromCat = notifications.items.find((n) => n.actor?.id === cat.user.id);
      expect(fromCat?.actor).toMatchObject({ online: true });
    });
  });
});
