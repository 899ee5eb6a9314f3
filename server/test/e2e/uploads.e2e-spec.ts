import sharp from 'sharp';
import { UPLOAD_MAX_BYTES } from '@world-it/contracts';
import { bearer, createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { animatedGif, jpegWithGps, png, pngClaiming } from '../utils/images';

describe('Uploads: POST /api/uploads, DELETE /api/uploads/:id, /media', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob] = [await createUser(t), await createUser(t)];
  });
  afterAll(() => t.close());

  const upload = (user: TestUser, data: Buffer, filename: string, contentType = 'application/octet-stream') =>
    t.http.post('/api/uploads').set(bearer(user.accessToken)).attach('file', data, { filename, contentType });

  it('accepts a PNG by its bytes even when named .txt, and answers an Image served as immutable WebP with a thumbnail', async () => {
    const res = await upload(alice, await png(640, 480), 'notes.txt', 'text/plain').expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: `/media/images/${res.body.id}.webp`,
      thumbUrl: `/media/images/${res.body.id}_thumb.webp`,
      width: 640,
      height: 480,
    });
    const full = await t.http.get(res.body.url).buffer(true).expect(200);
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toContain('immutable');
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    expect((await sharp(full.body as Buffer).metadata()).format).toBe('webp');
    const thumb = await t.http.get(res.body.thumbUrl).buffer(true).expect(200);
    const tm = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(tm.width ?? 0, tm.height ?? 0)).toBeLessThanOrEqual(320);
    expect(tm.width).toBe(320);
  });

  it('strips EXIF and GPS metadata', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes('secret-owner')).toBe(true);
    const res = await upload(alice, original, 'holiday.jpg', 'image/jpeg').expect(201);
    for (const url of [res.body.url, res.body.thumbUrl]) {
      const stored = (await t.http.get(url).buffer(true).expect(200)).body as Buffer;
      const meta = await sharp(stored).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(stored.includes('secret-owner')).toBe(false);
    }
  });

  it('keeps an animated GIF animated', async () => {
    const res = await upload(alice, await animatedGif(3, 16), 'party.gif', 'image/gif').expect(201);
    expect(res.body).toMatchObject({ width: 16, height: 16 });
    const stored = (await t.http.get(res.body.url).buffer(true).expect(200)).body as Buffer;
    const meta = await sharp(stored, { animated: true }).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.pages).toBe(3);
  });

  it('refuses a text file named .png, an SVG, and a file without content with 400', async () => {
    const text = await upload(alice, Buffer.from('just some text, honestly'), 'photo.png', 'image/png').expect(400);
    expect(text.body.message).toMatch(/JPEG, PNG, WebP or GIF/);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    await upload(alice, svg, 'logo.svg', 'image/svg+xml').expect(400);
    const truncated = (await png(100, 100)).subarray(0, 40);
    await upload(alice, truncated, 'broken.png', 'image/png').expect(400);
  });

  it('refuses absurd dimensions (decompression bombs) before decoding them', async () => {
    const bomb = await pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1000);
    const res = await upload(alice, bomb, 'bomb.png', 'image/png').expect(400);
    expect(res.body.message).toMatch(/too large/);
    await upload(alice, await pngClaiming(12_000, 10), 'wide.png', 'image/png').expect(400);
    await upload(alice, await pngClaiming(8_000, 8_000), 'big.png', 'image/png').expect(400); // 64 MP > 40 MP
  });

  it('answers a file over 10 MB with 413', async () => {
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(UPLOAD_MAX_BYTES)]);
    const res = await upload(alice, big, 'huge.png', 'image/png').expect(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('needs a file field and a token', async () => {
    await t.http.post('/api/uploads').set(bearer(alice.accessToken)).field('other', 'x').expect(400);
    await t.http
      .post('/api/uploads')
      .attach('file', await png(), 'a.png')
      .expect(401);
  });

  it('lets only the owner delete an image (others 403: they see it in her photos), after which its files are gone', async () => {
    const res = await upload(alice, await png(), 'mine.png').expect(201);
    const other = await t.http.delete(`/api/uploads/${res.body.id}`).set(bearer(bob.accessToken)).expect(403);
    expect(other.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    await t.http.get(res.body.url).expect(200);
    await t.http.delete(`/api/uploads/00000000-0000-4000-8000-000000000000`).set(bearer(bob.accessToken)).expect(404);
    await t.http.delete(`/api/uploads/${res.body.id}`).expect(401);
    const bad = await t.http.delete(`/api/uploads/not-a-uuid`).set(bearer(alice.accessToken)).expect(400);
    expect(bad.body.message).toEqual(['id must be a UUID']);
    await t.http.delete(`/api/uploads/${res.body.id}`).set(bearer(alice.accessToken)).expect(204);
    await t.http.get(res.body.url).expect(404);
    await t.http.get(res.body.thumbUrl).expect(404);
    await t.http.delete(`/api/uploads/${res.body.id}`).set(bearer(alice.accessToken)).expect(404);
    await t.http.delete(`/api/uploads/${res.body.id}`).set(bearer(bob.accessToken)).expect(404);
  });
});
