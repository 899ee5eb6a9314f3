import type { FriendRequest, Page, Profile, Room, UserSummary } from '@world-it/contracts';
import { bearer, createUser, createUsers, type TestUser } from '../factories/users';
import { connectChat, type ChatClient } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('Blocking', () => {
  let t: TestApp;
  const clients: ChatClient[] = [];
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.close());

  const connect = async (u: TestUser): Promise<ChatClient> => {
    const c = await connectChat(t.url, u.accessToken);
    clients.push(c);
    return c;
  };
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
});
