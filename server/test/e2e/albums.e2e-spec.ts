import type { Album, Image, Page } from '@world-it/contracts';
import { createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs, uploadPng } from '../utils/requests';

describe('Albums: /api/albums, /api/profiles/:id/albums', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob] = [await createUser(t), await createUser(t)];
  });
  afterAll(() => t.close());

  const as = (u: TestUser) => requestsAs(t, u);
  const upload = (u: TestUser): Promise<Image> => uploadPng(t, u, 48, 32);
  const album = async (u: TestUser, body: object = { name: 'Trip' }): Promise<Album> =>
    (await as(u).post('/api/albums', body).expect(201)).body as Album;
  const imagesOf = async (a: Album, viewer: TestUser = bob) =>
    ((await as(viewer).get(`/api/albums/${a.id}/images?limit=100`).expect(200)).body as Page<Image>).items.map(
      (i) => i.id,
    );
  const messageOf = (res: { body: { message: unknown } }) => JSON.stringify(res.body.message);

  it('creates an album (201): name trimmed, theme and year optional, empty with no cover', async () => {
    const a = await album(alice, { name: '  Summer  ', theme: 'Sea', year: 2024 });
    expect(a).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Summer',
      theme: 'Sea',
      year: 2024,
      cover: null,
      imagesCount: 0,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    expect(await album(alice, { name: 'Plain' })).toMatchObject({ name: 'Plain', theme: '', year: null });
    expect(await album(alice, { name: 'Next year', year: new Date().getUTCFullYear() + 1 })).toMatchObject({
      year: new Date().getUTCFullYear() + 1,
    });
  });

  it('validates the body: 400 naming the field, unknown fields refused, never a 5xx', async () => {
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'ok', theme: 'x'.repeat(101) }, 'theme'],
      [{ name: 'ok', theme: null }, 'theme'],
      [{ name: 'ok', year: 1899 }, 'year'],
      [{ name: 'ok', year: 2000.5 }, 'year'],
      [{ name: 'ok', year: '2000' }, 'year'],
      [{ name: 'ok', year: new Date().getUTCFullYear() + 2 }, 'year'],
      [{ name: 'ok', owner: bob.user.id }, 'owner'],
      [{ name: '\u0000' }, 'name'],
      [{ name: ['ok'] }, 'name'],
    ] as const) {
      const res = await as(alice).post('/api/albums', body).expect(400);
      expect(messageOf(res)).toContain(field);
    }
    // NUL characters cannot be stored by PostgreSQL: they are dropped (as in chat messages), never a 500.
    expect(await album(alice, { name: 'Tri\u0000p 🏔️ Карпати', theme: '\u0000' })).toMatchObject({
      name: 'Trip 🏔️ Карпати',
      theme: '',
    });
    expect(await album(alice, { name: 'x'.repeat(100), theme: 'y'.repeat(100), year: 1900 })).toMatchObject({
      year: 1900,
    });
    await t.http.post('/api/albums').send({ name: 'anon' }).expect(401);
  });

  it('lists a person’s albums newest first for anyone; unknown user 404', async () => {
    const carol = await createUser(t);
    const first = await album(carol, { name: 'First' });
    const second = await album(carol, { name: 'Second' });
    const list = (await as(bob).get(`/api/profiles/${carol.user.id}/albums`).expect(200)).body as Album[];
    expect(list.map((a) => a.id)).toEqual([second.id, first.id]);
    expect((await as(carol).get(`/api/albums/${first.id}`).expect(200)).body).toEqual(first);
    await as(bob).get('/api/profiles/00000000-0000-4000-8000-000000000000/albums').expect(404);
    await as(bob).get('/api/profiles/nope/albums').expect(400);
    await as(bob).get('/api/albums/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('PATCH: the owner changes name, theme or year (null clears the year); others 403, unknown 404', async () => {
    const a = await album(alice, { name: 'Old', theme: 'T', year: 2001 });
    const renamed = await as(alice).patch(`/api/albums/${a.id}`, { name: 'New', year: null }).expect(200);
    expect(renamed.body).toMatchObject({ id: a.id, name: 'New', theme: 'T', year: null });
    expect((await as(alice).patch(`/api/albums/${a.id}`, { theme: '' }).expect(200)).body).toMatchObject({
      name: 'New',
      theme: '',
    });
    expect((await as(alice).patch(`/api/albums/${a.id}`, {}).expect(200)).body).toMatchObject({ name: 'New' });
    await as(bob).patch(`/api/albums/${a.id}`, { name: 'Mine now' }).expect(403);
    await as(alice).patch('/api/albums/00000000-0000-4000-8000-000000000000', { name: 'x' }).expect(404);
    await as(alice).patch('/api/albums/nope', { name: 'x' }).expect(400);
    expect(messageOf(await as(alice).patch(`/api/albums/${a.id}`, { name: null }).expect(400))).toContain('name');
    expect(
      messageOf(
        await as(alice)
          .patch(`/api/albums/${a.id}`, { name: 'x'.repeat(101) })
          .expect(400),
      ),
    ).toContain('name');
    expect(messageOf(await as(alice).patch(`/api/albums/${a.id}`, { cover: 'x' }).expect(400))).toContain('cover');
    expect((await as(bob).get(`/api/albums/${a.id}`).expect(200)).body).toMatchObject({ name: 'New' });
  });

  it('adds my own images (first listed shown first, the newest-added is the cover); re-adding changes nothing', async () => {
    const a = await album(alice);
    const [p1, p2, p3] = [await upload(alice), await upload(alice), await upload(alice)];
    const added = (
      await as(alice)
        .post(`/api/albums/${a.id}/images`, { imageIds: [p1.id, p2.id] })
        .expect(200)
    ).body as Album;
    expect(added).toMatchObject({ id: a.id, imagesCount: 2, cover: p1 });
    expect(await imagesOf(a)).toEqual([p1.id, p2.id]);

    const more = (
      await as(alice)
        .post(`/api/albums/${a.id}/images`, { imageIds: [p3.id, p2.id] })
        .expect(200)
    ).body as Album;
    expect(more).toMatchObject({ imagesCount: 3, cover: p3 });
    // p2 was already in: it keeps its place.
    expect(await imagesOf(a)).toEqual([p3.id, p1.id, p2.id]);
    const again = (
      await as(alice)
        .post(`/api/albums/${a.id}/images`, { imageIds: [p1.id, p1.id] })
        .expect(200)
    ).body as Album;
    expect(again).toMatchObject({ imagesCount: 3, cover: p3 });
    const listed = (await as(bob).get(`/api/profiles/${alice.user.id}/albums`).expect(200)).body as Album[];
    expect(listed.find((x) => x.id === a.id)).toMatchObject({ imagesCount: 3, cover: p3 });
  });

  it('refuses someone else’s or a deleted image (404 naming it, nothing added), a foreign album (403), bad lists (400)', async () => {
    const a = await album(alice);
    const mine = await upload(alice);
    const bobs = await upload(bob);
    const gone = await upload(alice);
    await as(alice).del(`/api/uploads/${gone.id}`).expect(204);

    const stolen = await as(alice)
      .post(`/api/albums/${a.id}/images`, { imageIds: [mine.id, bobs.id] })
      .expect(404);
    expect(stolen.body.message).toContain(bobs.id);
    expect(stolen.body.message).not.toContain(mine.id);
    expect(
      messageOf(
        await as(alice)
          .post(`/api/albums/${a.id}/images`, { imageIds: [gone.id] })
          .expect(404),
      ),
    ).toContain(gone.id);
    expect(await imagesOf(a)).toEqual([]);

    await as(bob)
      .post(`/api/albums/${a.id}/images`, { imageIds: [bobs.id] })
      .expect(403);
    await as(alice)
      .post('/api/albums/00000000-0000-4000-8000-000000000000/images', { imageIds: [mine.id] })
      .expect(404);
    for (const body of [
      {},
      { imageIds: [] },
      { imageIds: 'x' },
      { imageIds: ['not-a-uuid'] },
      { imageIds: Array.from({ length: 51 }, () => mine.id) },
      { imageIds: [mine.id], position: 1 },
    ]) {
      await as(alice).post(`/api/albums/${a.id}/images`, body).expect(400);
    }
    await as(alice)
      .post(`/api/albums/nope/images`, { imageIds: [mine.id] })
      .expect(400);
  });

  it('adding the same image at the same moment many times never 500s and keeps one row', async () => {
    const a = await album(alice);
    const img = await upload(alice);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => as(alice).post(`/api/albums/${a.id}/images`, { imageIds: [img.id] })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await as(bob).get(`/api/albums/${a.id}`).expect(200)).body).toMatchObject({ imagesCount: 1, cover: img });
  });

  it('deleting an album while pictures are being added to it answers each request cleanly (never a 5xx)', async () => {
    const a = await album(alice);
    const imgs = [await upload(alice), await upload(alice)];
    const results = await Promise.all([
      as(alice).post(`/api/albums/${a.id}/images`, { imageIds: [imgs[0].id] }),
      as(alice).del(`/api/albums/${a.id}`),
      as(alice).post(`/api/albums/${a.id}/images`, { imageIds: [imgs[1].id] }),
      as(alice).patch(`/api/albums/${a.id}`, { name: 'Renamed' }),
    ]);
    expect(results[1].status).toBe(204);
    for (const r of [results[0], results[2], results[3]]) expect([200, 404]).toContain(r.status);
    await as(alice).get(`/api/albums/${a.id}`).expect(404);
    await as(alice).get(`/api/albums/${a.id}/images`).expect(404);
  });

  it('pages an album newest-added first; unknown album 404, bad cursor 400', async () => {
    const a = await album(alice);
    const imgs: Image[] = [];
    for (let i = 0; i < 5; i++) {
      imgs.push(await upload(alice));
      await as(alice)
        .post(`/api/albums/${a.id}/images`, { imageIds: [imgs[i].id] })
        .expect(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await as(bob)
          .get(`/api/albums/${a.id}/images?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as Page<Image>;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(imgs.map((i) => i.id).reverse());
    await as(bob).get('/api/albums/00000000-0000-4000-8000-000000000000/images').expect(404);
    await as(bob).get(`/api/albums/${a.id}/images?cursor=garbage`).expect(400);
  });

  it('takes a picture out (owner 204; again 404; others 403); the picture stays in my photos', async () => {
    const a = await album(alice);
    const [p1, p2] = [await upload(alice), await upload(alice)];
    await as(alice)
      .post(`/api/albums/${a.id}/images`, { imageIds: [p1.id, p2.id] })
      .expect(200);
    await as(bob).del(`/api/albums/${a.id}/images/${p1.id}`).expect(403);
    await as(alice).del(`/api/albums/${a.id}/images/${p1.id}`).expect(204);
    await as(alice).del(`/api/albums/${a.id}/images/${p1.id}`).expect(404);
    await as(alice).del(`/api/albums/${a.id}/images/nope`).expect(400);
    expect((await as(bob).get(`/api/albums/${a.id}`).expect(200)).body).toMatchObject({ imagesCount: 1, cover: p2 });
    const photos = (await as(bob).get(`/api/profiles/${alice.user.id}/images?limit=100`).expect(200))
      .body as Page<Image>;
    expect(photos.items.map((i) => i.id)).toContain(p1.id);
  });

  it('deleting an upload takes it out of every album: count and cover follow, it leaves my photos', async () => {
    const [a, b] = [await album(alice), await album(alice)];
    const [older, newer] = [await upload(alice), await upload(alice)];
    await as(alice)
      .post(`/api/albums/${a.id}/images`, { imageIds: [older.id] })
      .expect(200);
    await as(alice)
      .post(`/api/albums/${a.id}/images`, { imageIds: [newer.id] })
      .expect(200);
    await as(alice)
      .post(`/api/albums/${b.id}/images`, { imageIds: [newer.id] })
      .expect(200);
    expect((await as(bob).get(`/api/albums/${a.id}`).expect(200)).body).toMatchObject({ imagesCount: 2, cover: newer });

    await as(alice).del(`/api/uploads/${newer.id}`).expect(204);
    expect((await as(bob).get(`/api/albums/${a.id}`).expect(200)).body).toMatchObject({ imagesCount: 1, cover: older });
    expect((await as(bob).get(`/api/albums/${b.id}`).expect(200)).body).toMatchObject({ imagesCount: 0, cover: null });
    expect(await imagesOf(a)).toEqual([older.id]);
    const photos = (await as(bob).get(`/api/profiles/${alice.user.id}/images?limit=100`).expect(200))
      .body as Page<Image>;
    expect(photos.items.map((i) => i.id)).not.toContain(newer.id);
    // The picture is gone, so it cannot be put back.
    await as(alice)
      .post(`/api/albums/${b.id}/images`, { imageIds: [newer.id] })
      .expect(404);
  });

  it('DELETE: the owner deletes an album (its pictures stay in my photos); others 403, then 404', async () => {
    const a = await album(alice);
    const img = await upload(alice);
    await as(alice)
      .post(`/api/albums/${a.id}/images`, { imageIds: [img.id] })
      .expect(200);
    await as(bob).del(`/api/albums/${a.id}`).expect(403);
    await as(alice).del(`/api/albums/${a.id}`).expect(204);
    await as(alice).del(`/api/albums/${a.id}`).expect(404);
    await as(bob).get(`/api/albums/${a.id}`).expect(404);
    await as(bob).get(`/api/albums/${a.id}/images`).expect(404);
    const listed = (await as(bob).get(`/api/profiles/${alice.user.id}/albums`).expect(200)).body as Album[];
    expect(listed.map((x) => x.id)).not.toContain(a.id);
    const photos = (await as(bob).get(`/api/profiles/${alice.user.id}/images?limit=100`).expect(200))
      .body as Page<Image>;
    expect(photos.items.map((i) => i.id)).toContain(img.id);
  });
});
