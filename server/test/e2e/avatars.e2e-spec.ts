import type { AvatarImage, Image, Me, Message, Page, Profile, Room } from '@world-it/contracts';
import { createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs, uploadPng } from '../utils/requests';

describe('Avatars and photos: POST /api/profiles/me/avatar, /api/profiles/me/avatars, GET /api/profiles/:id/images', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => requestsAs(t, u);
  const upload = (u: TestUser, width = 64): Promise<Image> => uploadPng(t, u, width, 40);
  const history = async (u: TestUser) =>
    ((await as(u).get('/api/profiles/me/avatars').expect(200)).body as AvatarImage[]).map((a) => [a.id, a.active]);
  const avatarUrlOf = async (viewer: TestUser, who: TestUser) =>
    ((await as(viewer).get(`/api/profiles/${who.user.id}`).expect(200)).body as Profile).avatarUrl;

  it('makes an upload my active avatar (its thumbnail), seen on my profile by others and in /api/auth/me', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    expect(await history(alice)).toEqual([]);
    const img = await upload(alice);
    const res = await as(alice).post('/api/profiles/me/avatar', { imageId: img.id }).expect(200);
    const me = res.body as Me;
    expect(me).toMatchObject({ id: alice.user.id, email: alice.email, avatarUrl: img.thumbUrl, friendship: 'self' });
    expect(img.thumbUrl).toBe(`/media/images/${img.id}_thumb.webp`);
    expect(await avatarUrlOf(bob, alice)).toBe(img.thumbUrl);
    expect(((await as(alice).get('/api/auth/me').expect(200)).body as Me).avatarUrl).toBe(img.thumbUrl);
    const list = (await as(alice).get('/api/profiles/me/avatars').expect(200)).body as AvatarImage[];
    expect(list).toEqual([{ ...img, active: true }]);
  });

  it('keeps earlier avatars newest first; re-picking one (PUT .../active or POST again) activates it without a duplicate or a move', async () => {
    const alice = await createUser(t);
    const [a, b, c] = [await upload(alice), await upload(alice), await upload(alice)];
    for (const img of [a, b, c]) await as(alice).post('/api/profiles/me/avatar', { imageId: img.id }).expect(200);
    expect(await history(alice)).toEqual([
      [c.id, true],
      [b.id, false],
      [a.id, false],
    ]);

    const picked = await as(alice).put(`/api/profiles/me/avatars/${a.id}/active`).expect(200);
    expect((picked.body as Me).avatarUrl).toBe(a.thumbUrl);
    expect(await history(alice)).toEqual([
      [c.id, false],
      [b.id, false],
      [a.id, true],
    ]);

    await as(alice).post('/api/profiles/me/avatar', { imageId: b.id }).expect(200);
    expect(await history(alice)).toEqual([
      [c.id, false],
      [b.id, true],
      [a.id, false],
    ]);
  });

  it('deleting the active avatar activates the newest remaining one, then none (avatarUrl null); the picture stays in my photos', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const [a, b, c] = [await upload(alice), await upload(alice), await upload(alice)];
    for (const img of [a, b, c]) await as(alice).post('/api/profiles/me/avatar', { imageId: img.id }).expect(200);
    await as(alice).put(`/api/profiles/me/avatars/${a.id}/active`).expect(200);

    // Not the active one: the active avatar stays.
    await as(alice).del(`/api/profiles/me/avatars/${b.id}`).expect(204);
    expect(await history(alice)).toEqual([
      [c.id, false],
      [a.id, true],
    ]);
    // The active one: the newest remaining (c) takes over.
    await as(alice).del(`/api/profiles/me/avatars/${a.id}`).expect(204);
    expect(await history(alice)).toEqual([[c.id, true]]);
    expect(await avatarUrlOf(bob, alice)).toBe(c.thumbUrl);
    await as(alice).del(`/api/profiles/me/avatars/${c.id}`).expect(204);
    expect(await history(alice)).toEqual([]);
    expect(await avatarUrlOf(bob, alice)).toBeNull();
    expect(((await as(alice).get('/api/auth/me').expect(200)).body as Me).avatarUrl).toBeNull();

    // Out of the history is not out of my photos.
    const photos = (await as(bob).get(`/api/profiles/${alice.user.id}/images`).expect(200)).body as Page<Image>;
    expect(photos.items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    // Gone from the history: 404 to delete or re-activate again.
    await as(alice).del(`/api/profiles/me/avatars/${a.id}`).expect(404);
    await as(alice).put(`/api/profiles/me/avatars/${a.id}/active`).expect(404);
  });

  it('reads an upper-case image id as the same image: deleting the active avatar that way still moves it on', async () => {
    const alice = await createUser(t);
    const [a, b] = [await upload(alice), await upload(alice)];
    await as(alice).post('/api/profiles/me/avatar', { imageId: a.id }).expect(200);
    await as(alice).post('/api/profiles/me/avatar', { imageId: b.id.toUpperCase() }).expect(200);
    expect(await history(alice)).toEqual([
      [b.id, true],
      [a.id, false],
    ]);
    await as(alice).del(`/api/profiles/me/avatars/${b.id.toUpperCase()}`).expect(204);
    expect(await history(alice)).toEqual([[a.id, true]]);
    expect(((await as(alice).get('/api/auth/me').expect(200)).body as Me).avatarUrl).toBe(a.thumbUrl);
    await as(alice).put(`/api/profiles/me/avatars/${b.id.toUpperCase()}/active`).expect(404);
    const bad = await as(alice).put('/api/profiles/me/avatars/not-a-uuid/active').expect(400);
    expect(bad.body.message).toEqual(['imageId must be a UUID']);
    expect((await as(alice).del('/api/profiles/me/avatars/123').expect(400)).body.message).toEqual([
      'imageId must be a UUID',
    ]);
  });

  it('refuses someone else’s image (404, not yours to see), unknown and deleted images, and malformed bodies (400)', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const bobs = await upload(bob);
    const stolen = await as(alice).post('/api/profiles/me/avatar', { imageId: bobs.id }).expect(404);
    expect(stolen.body.message).toContain(bobs.id);
    await as(alice).post('/api/profiles/me/avatar', { imageId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    // Bob's avatar is in Bob's history, never in Alice's.
    await as(bob).post('/api/profiles/me/avatar', { imageId: bobs.id }).expect(200);
    await as(alice).put(`/api/profiles/me/avatars/${bobs.id}/active`).expect(404);
    await as(alice).del(`/api/profiles/me/avatars/${bobs.id}`).expect(404);
    expect(await avatarUrlOf(alice, bob)).toBe(bobs.thumbUrl);
    expect(((await as(alice).get('/api/auth/me').expect(200)).body as Me).avatarUrl).toBeNull();

    const gone = await upload(alice);
    await as(alice).del(`/api/uploads/${gone.id}`).expect(204);
    await as(alice).post('/api/profiles/me/avatar', { imageId: gone.id }).expect(404);

    const noId = await as(alice).post('/api/profiles/me/avatar', {}).expect(400);
    expect(JSON.stringify(noId.body.message)).toMatch(/imageId/);
    await as(alice).post('/api/profiles/me/avatar', { imageId: 'not-a-uuid' }).expect(400);
    const extra = await as(alice).post('/api/profiles/me/avatar', { imageId: gone.id, crop: 'square' }).expect(400);
    expect(JSON.stringify(extra.body.message)).toMatch(/crop/);
    await as(alice).put('/api/profiles/me/avatars/not-a-uuid/active').expect(400);
    await as(alice).del('/api/profiles/me/avatars/not-a-uuid').expect(400);
    await t.http.get('/api/profiles/me/avatars').expect(401);
  });

  it('shows the active avatar as the avatarUrl of a chat message author and of a room member', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const img = await upload(alice);
    await as(alice).post('/api/profiles/me/avatar', { imageId: img.id }).expect(200);
    const room = (
      await as(alice)
        .post('/api/chats/groups', { name: 'Avatars', visibility: 'private', memberIds: [bob.user.id] })
        .expect(201)
    ).body as Room;
    await as(alice).post(`/api/chats/${room.id}/messages`, { content: 'hi' }).expect(201);
    const page = (await as(bob).get(`/api/chats/${room.id}/messages`).expect(200)).body as Page<Message>;
    expect(page.items[0].author).toMatchObject({ id: alice.user.id, avatarUrl: img.thumbUrl });
    const seen = (await as(bob).get(`/api/chats/${room.id}`).expect(200)).body as Room;
    expect(seen.members.find((m) => m.id === alice.user.id)?.avatarUrl).toBe(img.thumbUrl);
    expect(seen.members.find((m) => m.id === bob.user.id)?.avatarUrl).toBeNull();
  });

  it('deleting an upload takes it out of the history (the active avatar moves on) and leaves a "removed" placeholder in a message', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const [older, newer] = [await upload(alice), await upload(alice)];
    await as(alice).post('/api/profiles/me/avatar', { imageId: older.id }).expect(200);
    await as(alice).post('/api/profiles/me/avatar', { imageId: newer.id }).expect(200);
    const room = (await as(alice).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
    const sent = (await as(alice).post(`/api/chats/${room.id}/messages`, { imageId: newer.id }).expect(201))
      .body as Message;

    await as(bob).del(`/api/uploads/${newer.id}`).expect(403); // seen in her photos, not mine to delete
    await as(alice).del(`/api/uploads/${newer.id}`).expect(204);

    expect(await history(alice)).toEqual([[older.id, true]]);
    expect(await avatarUrlOf(bob, alice)).toBe(older.thumbUrl);
    const page = (await as(bob).get(`/api/chats/${room.id}/messages`).expect(200)).body as Page<Message>;
    const shown = page.items.find((m) => m.id === sent.id);
    expect(shown).toMatchObject({ image: null, imageRemoved: true, author: { avatarUrl: older.thumbUrl } });
    const photos = (await as(bob).get(`/api/profiles/${alice.user.id}/images`).expect(200)).body as Page<Image>;
    expect(photos.items.map((i) => i.id)).toEqual([older.id]);

    await as(alice).del(`/api/uploads/${older.id}`).expect(204);
    expect(await history(alice)).toEqual([]);
    expect(await avatarUrlOf(bob, alice)).toBeNull();
  });

  it('picking several avatars at the same moment leaves one active, and it is in the history', async () => {
    const alice = await createUser(t);
    const imgs = await Promise.all(Array.from({ length: 5 }, () => upload(alice)));
    const results = await Promise.all(
      imgs.map((img) => as(alice).post('/api/profiles/me/avatar', { imageId: img.id })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const list = (await as(alice).get('/api/profiles/me/avatars').expect(200)).body as AvatarImage[];
    expect(list.map((a) => a.id).sort()).toEqual(imgs.map((i) => i.id).sort());
    const active = list.filter((a) => a.active);
    expect(active).toHaveLength(1);
    expect(((await as(alice).get('/api/auth/me').expect(200)).body as Me).avatarUrl).toBe(active[0].thumbUrl);
  });

  it('GET /api/profiles/:id/images pages a person’s uploads newest first; unknown user 404, bad id or cursor 400', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const imgs: Image[] = [];
    for (let i = 0; i < 5; i++) imgs.push(await upload(alice, 30 + i));
    const newestFirst = imgs.map((i) => i.id).reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(bob)
        .get(`/api/profiles/${alice.user.id}/images?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const page = res.body as Page<Image>;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
    const first = ((await as(bob).get(`/api/profiles/${alice.user.id}/images`).expect(200)).body as Page<Image>)
      .items[0];
    expect(first).toEqual(imgs[4]);

    expect(
      ((await as(alice).get(`/api/profiles/${bob.user.id}/images`).expect(200)).body as Page<Image>).items,
    ).toEqual([]);
    await as(bob).get('/api/profiles/00000000-0000-4000-8000-000000000000/images').expect(404);
    await as(bob).get('/api/profiles/nope/images').expect(400);
    await as(bob).get(`/api/profiles/${alice.user.id}/images?cursor=garbage`).expect(400);
    await as(bob).get(`/api/profiles/${alice.user.id}/images?limit=0`).expect(400);
  });
});
