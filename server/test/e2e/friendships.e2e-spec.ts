import type { FriendRequest, Me, Page, Profile, UserSummary } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { DomainEvents, type DomainEventMap } from '../../src/common/events/domain-events';
import { bearer, createUser, createUsers, type TestUser } from '../factories/users';
import { connectChat, type ChatClient } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('Friendships API', () => {
  let t: TestApp;
  const seen: Array<{ name: keyof DomainEventMap; payload: unknown }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    const events = t.app.get(DomainEvents);
    events.on('friendship.requested', (p) => void seen.push({ name: 'friendship.requested', payload: p }));
    events.on('friendship.accepted', (p) => void seen.push({ name: 'friendship.accepted', payload: p }));
  });
  afterAll(() => t.close());

  const send = (from: TestUser, to: string) =>
    t.http.post('/api/friendships/requests').set(bearer(from.accessToken)).send({ userId: to });
  const requests = async (u: TestUser, direction: 'incoming' | 'outgoing'): Promise<FriendRequest[]> =>
    (await t.http.get(`/api/friendships/requests?direction=${direction}`).set(bearer(u.accessToken)).expect(200)).body
      .items as FriendRequest[];
  const friendIds = async (u: TestUser): Promise<string[]> =>
    ((await t.http.get('/api/friendships').set(bearer(u.accessToken)).expect(200)).body as Page<UserSummary>).items.map(
      (f) => f.id,
    );
  const befriend = async (a: TestUser, b: TestUser): Promise<void> => {
    const req = (await send(a, b.user.id).expect(201)).body as FriendRequest;
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(b.accessToken)).expect(200);
  };
  const profile = async (viewer: TestUser, of: TestUser): Promise<Profile> =>
    (await t.http.get(`/api/profiles/${of.user.id}`).set(bearer(viewer.accessToken)).expect(200)).body as Profile;

  it('requires a token on every route', async () => {
    await t.http.post('/api/friendships/requests').send({ userId: UNKNOWN }).expect(401);
    await t.http.get('/api/friendships/requests').expect(401);
    await t.http.get('/api/friendships').expect(401);
    await t.http.get('/api/friendships/suggestions').expect(401);
    await t.http.delete(`/api/friendships/${UNKNOWN}`).expect(401);
    await t.http.get(`/api/profiles/${UNKNOWN}/friends`).expect(401);
  });

  it('sends a request (201 with both people), lists it both ways, and a repeat answers the same request (200)', async () => {
    const [ann, bob] = await createUsers(t, 2);
    const before = seen.length;
    const res = await send(ann, bob.user.id).expect(201);
    const req = res.body as FriendRequest;
    expect(req).toEqual({
      id: expect.any(String),
      from: { id: ann.user.id, displayName: ann.user.displayName, avatarUrl: null, online: false },
      to: { id: bob.user.id, displayName: bob.user.displayName, avatarUrl: null, online: false },
      createdAt: expect.any(String),
    });
    expect(seen.slice(before)).toEqual([
      { name: 'friendship.requested', payload: { requestId: req.id, fromId: ann.user.id, toId: bob.user.id } },
    ]);
    const again = await send(ann, bob.user.id.toUpperCase()).expect(200);
    expect(again.body).toEqual(req);
    expect(seen.length).toBe(before + 1); // no second announcement
    expect(await requests(ann, 'outgoing')).toEqual([req]);
    expect(await requests(bob, 'incoming')).toEqual([req]);
    expect(await requests(ann, 'incoming')).toEqual([]);
    // incoming is the default direction
    const dflt = await t.http.get('/api/friendships/requests').set(bearer(bob.accessToken)).expect(200);
    expect(dflt.body.items).toEqual([req]);
    // the profile and the people list say so from both sides
    expect((await profile(ann, bob)).friendship).toBe('outgoing');
    expect((await profile(bob, ann)).friendship).toBe('incoming');
  });

  it('refuses a request to myself or a friend (409), to an unknown user (404), and bad input (400)', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await send(ann, ann.user.id).expect(409);
    await send(ann, UNKNOWN).expect(404);
    await send(ann, 'not-a-uuid').expect(400);
    await t.http.post('/api/friendships/requests').set(bearer(ann.accessToken)).send({}).expect(400);
    const extra = await t.http
      .post('/api/friendships/requests')
      .set(bearer(ann.accessToken))
      .send({ userId: bob.user.id, note: 'hi' })
      .expect(400);
    expect(JSON.stringify(extra.body.message)).toContain('note');
    await befriend(ann, bob);
    await send(ann, bob.user.id).expect(409);
    await send(bob, ann.user.id).expect(409);
    await t.http.get('/api/friendships/requests?direction=sideways').set(bearer(ann.accessToken)).expect(400);
    await t.http.get('/api/friendships/requests?cursor=garbage').set(bearer(ann.accessToken)).expect(400);
    await t.http.get('/api/friendships?limit=0').set(bearer(ann.accessToken)).expect(400);
    await t.http.post('/api/friendships/requests/not-a-uuid/accept').set(bearer(ann.accessToken)).expect(400);
    await t.http.delete('/api/friendships/not-a-uuid').set(bearer(ann.accessToken)).expect(400);
  });

  it('accept: only the recipient (the sender 403, others 404); then both are friends with counts on Profile and Me', async () => {
    const [ann, bob, eve] = await createUsers(t, 3);
    const req = (await send(ann, bob.user.id).expect(201)).body as FriendRequest;
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(ann.accessToken)).expect(403);
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(eve.accessToken)).expect(404);
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).expect(401);
    await t.http.post(`/api/friendships/requests/${UNKNOWN}/accept`).set(bearer(bob.accessToken)).expect(404);
    const before = seen.length;
    const ok = await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(bob.accessToken)).expect(200);
    expect(ok.body).toEqual({ status: 'friends' });
    expect(seen.slice(before)).toEqual([
      { name: 'friendship.accepted', payload: { requesterId: ann.user.id, accepterId: bob.user.id } },
    ]);
    await t.http.post(`/api/friendships/requests/${req.id}/accept`).set(bearer(bob.accessToken)).expect(404);
    expect(await requests(bob, 'incoming')).toEqual([]);
    expect(await friendIds(ann)).toEqual([bob.user.id]);
    expect(await friendIds(bob)).toEqual([ann.user.id]);

    const seenByAnn = await profile(ann, bob);
    expect(seenByAnn).toMatchObject({
      friendship: 'friends',
      friendsCount: 1,
      blockedByMe: false,
      mutualFriendsCount: 0,
    });
    expect((await profile(eve, bob)).friendship).toBe('none');
    expect((await profile(ann, ann)).friendship).toBe('self');
    const me = (await t.http.get('/api/auth/me').set(bearer(ann.accessToken)).expect(200)).body as Me;
    expect(me.friendsCount).toBe(1);
    const patched = (
      await t.http.patch('/api/profiles/me').set(bearer(bob.accessToken)).send({ about: 'hello' }).expect(200)
    ).body as Me;
    expect(patched.friendsCount).toBe(1);
    const login = await t.http.post('/api/auth/login').send({ email: ann.email, password: ann.password }).expect(200);
    expect(login.body.user.friendsCount).toBe(1);
    const listed = await t.http
      .get(`/api/profiles?search=${encodeURIComponent(bob.user.displayName)}`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect((listed.body.items as Profile[]).find((p) => p.id === bob.user.id)).toMatchObject({
      friendship: 'friends',
      friendsCount: 1,
    });
  });

  it("friend lists show who is online; anyone may see anyone's friends (unknown user 404); pages with a cursor", async () => {
    const [ann, bob, cat] = await createUsers(t, 3);
    await befriend(ann, bob);
    await befriend(cat, ann);
    let c: ChatClient | null = null;
    try {
      c = await connectChat(t.url, bob.accessToken);
      const mine = (await t.http.get('/api/friendships').set(bearer(ann.accessToken)).expect(200)).body;
      expect(mine.items).toEqual([
        { id: cat.user.id, displayName: cat.user.displayName, avatarUrl: null, online: false },
        { id: bob.user.id, displayName: bob.user.displayName, avatarUrl: null, online: true },
      ]);
    } finally {
      c?.close();
    }
    const first = await t.http
      .get(`/api/profiles/${ann.user.id}/friends?limit=1`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(first.body.items.map((f: UserSummary) => f.id)).toEqual([cat.user.id]);
    const second = await t.http
      .get(`/api/profiles/${ann.user.id}/friends?limit=1&cursor=${first.body.nextCursor}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: bob.user.id })], nextCursor: null });
    await t.http.get(`/api/profiles/${UNKNOWN}/friends`).set(bearer(bob.accessToken)).expect(404);
    await t.http.get('/api/profiles/not-a-uuid/friends').set(bearer(bob.accessToken)).expect(400);
    expect((await profile(bob, cat)).mutualFriendsCount).toBe(1);
  });

  it('decline (recipient → 204, sender 403, others 404) and cancel (sender → 204, recipient 403, others 404) remove the request', async () => {
    const [ann, bob, eve] = await createUsers(t, 3);
    const r1 = (await send(ann, bob.user.id).expect(201)).body as FriendRequest;
    await t.http.post(`/api/friendships/requests/${r1.id}/decline`).set(bearer(ann.accessToken)).expect(403);
    await t.http.post(`/api/friendships/requests/${r1.id}/decline`).set(bearer(eve.accessToken)).expect(404);
    await t.http.post(`/api/friendships/requests/${r1.id}/decline`).expect(401);
    await t.http.post(`/api/friendships/requests/${r1.id}/decline`).set(bearer(bob.accessToken)).expect(204);
    await t.http.post(`/api/friendships/requests/${r1.id}/decline`).set(bearer(bob.accessToken)).expect(404);
    expect(await requests(ann, 'outgoing')).toEqual([]);
    const r2 = (await send(ann, bob.user.id).expect(201)).body as FriendRequest; // may ask again
    await t.http.delete(`/api/friendships/requests/${r2.id}`).set(bearer(bob.accessToken)).expect(403);
    await t.http.delete(`/api/friendships/requests/${r2.id}`).set(bearer(eve.accessToken)).expect(404);
    await t.http.delete(`/api/friendships/requests/${r2.id}`).expect(401);
    await t.http.delete(`/api/friendships/requests/${r2.id}`).set(bearer(ann.accessToken)).expect(204);
    await t.http.delete(`/api/friendships/requests/${r2.id}`).set(bearer(ann.accessToken)).expect(404);
    expect(await requests(bob, 'incoming')).toEqual([]);
    expect((await profile(ann, bob)).friendship).toBe('none');
  });

  it('a request to someone who already asked me makes us friends (200) and announces the acceptance', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await send(ann, bob.user.id).expect(201);
    const before = seen.length;
    const res = await send(bob, ann.user.id).expect(200);
    expect(res.body).toEqual({ status: 'friends' });
    expect(seen.slice(before)).toEqual([
      { name: 'friendship.accepted', payload: { requesterId: ann.user.id, accepterId: bob.user.id } },
    ]);
    expect(await friendIds(ann)).toEqual([bob.user.id]);
    expect(await requests(ann, 'outgoing')).toEqual([]);
  });

  it('two people asking each other at the same moment end up with exactly one friendship, never a 5xx', async () => {
    const ds = t.app.get(DataSource);
    for (let round = 0; round < 6; round++) {
      const [a, b] = await createUsers(t, 2);
      const [ra, rb] = await Promise.all([send(a, b.user.id), send(b, a.user.id)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 201]);
      const rows: Array<{ status: string }> = await ds.query(
        `SELECT status FROM friendships WHERE (user_low = $1 AND user_high = $2) OR (user_low = $2 AND user_high = $1)`,
        [a.user.id, b.user.id],
      );
      expect(rows).toEqual([{ status: 'accepted' }]);
      expect(await friendIds(a)).toEqual([b.user.id]);
    }
  });

  it('one row per pair is enforced by the database, whatever the direction', async () => {
    const [a, b] = await createUsers(t, 2);
    const ds = t.app.get(DataSource);
    const [low, high] = [a.user.id, b.user.id].sort();
    await ds.query(`INSERT INTO friendships (user_low, user_high, requester_id) VALUES ($1, $2, $1)`, [low, high]);
    await expect(
      ds.query(`INSERT INTO friendships (user_low, user_high, requester_id) VALUES ($1, $2, $2)`, [low, high]),
    ).rejects.toThrow(/friendships_pair_key|duplicate/);
    await expect(
      ds.query(`INSERT INTO friendships (user_low, user_high, requester_id) VALUES ($2, $1, $2)`, [low, high]),
    ).rejects.toThrow(/friendships_pair_ordered|check/);
  });

  it('unfriend → 204 for both sides; not friends → 404', async () => {
    const [ann, bob, eve] = await createUsers(t, 3);
    await befriend(ann, bob);
    await t.http.delete(`/api/friendships/${eve.user.id}`).set(bearer(ann.accessToken)).expect(404);
    await t.http.delete(`/api/friendships/${bob.user.id}`).set(bearer(ann.accessToken)).expect(204);
    await t.http.delete(`/api/friendships/${bob.user.id}`).set(bearer(ann.accessToken)).expect(404);
    expect(await friendIds(bob)).toEqual([]);
    expect((await profile(bob, ann)).friendsCount).toBe(0);
    // a pending request is not a friendship
    await send(ann, eve.user.id).expect(201);
    await t.http.delete(`/api/friendships/${eve.user.id}`).set(bearer(ann.accessToken)).expect(404);
  });

  it('reads upper-case ids in paths as the same ids (accept, unfriend, friend list), and names a malformed one', async () => {
    const [ann, bob] = await createUsers(t, 2);
    const req = (await send(ann, bob.user.id.toUpperCase()).expect(201)).body as FriendRequest;
    expect(req.to.id).toBe(bob.user.id);
    await t.http
      .post(`/api/friendships/requests/${req.id.toUpperCase()}/accept`)
      .set(bearer(bob.accessToken))
      .expect(200);
    const list = await t.http.get(`/api/profiles/${ann.user.id.toUpperCase()}/friends`).set(bearer(bob.accessToken));
    expect((list.body as Page<UserSummary>).items.map((u) => u.id)).toEqual([bob.user.id]);
    await t.http.delete(`/api/friendships/${bob.user.id.toUpperCase()}`).set(bearer(ann.accessToken)).expect(204);
    expect(await friendIds(ann)).toEqual([]);
    expect(await friendIds(bob)).toEqual([]);
    const bad = await t.http.delete('/api/friendships/not-a-uuid').set(bearer(ann.accessToken)).expect(400);
    expect(bad.body.message).toEqual(['userId must be a UUID']);
    const badReq = await t.http.post('/api/friendships/requests/x/decline').set(bearer(ann.accessToken)).expect(400);
    expect(badReq.body.message).toEqual(['id must be a UUID']);
  });

  it('reads upper-case ids in bodies as the same people: asking myself is refused, crossing requests still meet', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await send(ann, ann.user.id.toUpperCase()).expect(409);
    await send(ann, bob.user.id.toUpperCase()).expect(201);
    const crossed = await send(bob, ann.user.id.toUpperCase()).expect(200);
    expect(crossed.body).toEqual({ status: 'friends' });
    expect(await friendIds(ann)).toEqual([bob.user.id]);
    // A DM opened by an upper-case id is the same one room of the pair.
    const dm = await t.http.post('/api/chats/direct').set(bearer(ann.accessToken)).send({ userId: bob.user.id });
    const again = await t.http
      .post('/api/chats/direct')
      .set(bearer(ann.accessToken))
      .send({ userId: bob.user.id.toUpperCase() })
      .expect(200);
    expect(again.body.id).toBe(dm.body.id);
    const self = await t.http
      .post('/api/chats/direct')
      .set(bearer(ann.accessToken))
      .send({ userId: ann.user.id.toUpperCase() });
    expect(self.status).toBe(400);
  });

  it('suggestions rank friends of friends by mutual friends, never me, friends, pending either way or blocks', async () => {
    const [me, f1, f2, two, one, pendingOut, pendingIn, blocked, blocker] = await createUsers(t, 9);
    await befriend(me, f1);
    await befriend(me, f2);
    for (const f of [f1, f2]) {
      await befriend(f, two);
      await befriend(f, pendingOut);
      await befriend(f, pendingIn);
      await befriend(f, blocked);
      await befriend(f, blocker);
    }
    await befriend(f1, one);
    await send(me, pendingOut.user.id).expect(201);
    await send(pendingIn, me.user.id).expect(201);
    await t.http.post(`/api/profiles/${blocked.user.id}/block`).set(bearer(me.accessToken)).expect(204);
    await t.http.post(`/api/profiles/${me.user.id}/block`).set(bearer(blocker.accessToken)).expect(204);

    const res = await t.http.get('/api/friendships/suggestions').set(bearer(me.accessToken)).expect(200);
    const ids = (res.body as UserSummary[]).map((u) => u.id);
    expect(ids.length).toBeLessThanOrEqual(10);
    expect(ids.slice(0, 2)).toEqual([two.user.id, one.user.id]);
    for (const hidden of [me, f1, f2, pendingOut, pendingIn, blocked, blocker])
      expect(ids).not.toContain(hidden.user.id);
    expect(res.body[0]).toEqual({ id: two.user.id, displayName: two.user.displayName, avatarUrl: null, online: false });
  });

  it('a banned or unconfirmed person cannot be asked (404)', async () => {
    const [ann, bob] = await createUsers(t, 2);
    await t.app.get(DataSource).query(`UPDATE users SET banned = true WHERE id = $1`, [bob.user.id]);
    await send(ann, bob.user.id).expect(404);
    const fresh = await createUser(t);
    await t.app.get(DataSource).query(`UPDATE users SET confirmed = false WHERE id = $1`, [fresh.user.id]);
    await send(ann, fresh.user.id).expect(404);
  });
});
