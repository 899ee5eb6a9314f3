import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Message, OutboxMail, Page, Post, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { createUser, DEFAULT_PASSWORD, waitForMail, codeIn, uniqueEmail, type TestUser } from '../factories/users';
import { chatSockets, disconnected } from '../utils/chat-client';
import { EXPORT_PAGE } from '../../src/privacy/export-content.repository';
import { PrivacyJobs } from '../../src/privacy/privacy.jobs';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs, uploadPng } from '../utils/requests';

/** Every entry of a ZIP, by name (read with yauzl: the central directory, then each entry inflated). */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const LINK = /\/api\/me\/export\/([A-Za-z0-9_-]{43})/;

function tokenIn(mail: OutboxMail): string {
  const token = LINK.exec(mail.text)?.[1];
  if (!token) throw new Error(`No export link in "${mail.subject}"`);
  return token;
}

describe('Privacy: download my data, delete my account', () => {
  let t: TestApp;
  let ds: DataSource;
  const chat = chatSockets();
  const as = (u: TestUser) => requestsAs(t, u);
  const download = (token: string) =>
    t.http
      .get(`/api/me/export/${token}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    ds = t.app.get(DataSource);
  }, 90_000);
  afterAll(() => t.close());

  async function groupWith(owner: TestUser, members: TestUser[], name = 'Privacy group'): Promise<Room> {
    const res = await as(owner)
      .post('/api/chats/groups', { name, visibility: 'private', memberIds: members.map((m) => m.user.id) })
      .expect(201);
    return res.body as Room;
  }

  describe('export', () => {
    it('answers 401 without a token', async () => {
      await t.http.post('/api/me/export').expect(401);
    });

    it("202, mails a link that downloads a ZIP of the user's own post, comment, message and photo, and not another user's; a second request within the hour is 429", async () => {
      const [ada, bob] = [await createUser(t, { displayName: 'Ada Export' }), await createUser(t)];
      const photo = await uploadPng(t, ada, 40, 30);
      const otherPhoto = await uploadPng(t, bob);
      const post = (
        await as(ada)
          .post('/api/posts', { title: 'Ada post title', content: 'my words', tags: ['privacy'], imageIds: [photo.id] })
          .expect(201)
      ).body as Post;
      const bobPost = (await as(bob).post('/api/posts', { title: 'Bob post title', content: 'his words' }).expect(201))
        .body as Post;
      await as(ada).post(`/api/posts/${bobPost.id}/comments`, { content: 'Ada comment on Bob' }).expect(201);
      await as(bob).post(`/api/posts/${post.id}/comments`, { content: 'Bob comment on Ada' }).expect(201);
      const room = await groupWith(ada, [bob], 'Export room');
      await as(ada).post(`/api/chats/${room.id}/messages`, { content: 'Ada says hi' }).expect(201);
      await as(bob).post(`/api/chats/${room.id}/messages`, { content: 'Bob says hi' }).expect(201);

      const since = new Date();
      const res = await as(ada).post('/api/me/export').expect(202);
      expect(res.body).toEqual({ status: 'queued' });

      const again = await as(ada).post('/api/me/export').expect(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(3000);
      expect(again.body).toMatchObject({ code: 'rate_limited' });

      const mail = await waitForMail(t, ada.email, { since, subject: /ready to download/, timeoutMs: 30_000 });
      const token = tokenIn(mail);
      const zipRes = await download(token).expect(200);
      expect(zipRes.headers['content-type']).toBe('application/zip');
      expect(zipRes.headers['content-disposition']).toMatch(
        /^attachment; filename="world-it-data-\d{4}-\d{2}-\d{2}\.zip"$/,
      );
      const entries = await unzip(zipRes.body as Buffer);

      expect([...entries.keys()].sort()).toEqual(
        [
          'README.txt',
          'comments.json',
          'messages.json',
          `photos/${photo.id}.webp`,
          'posts.json',
          'profile.json',
        ].sort(),
      );
      const profile = JSON.parse(entries.get('profile.json')!.toString()) as Record<string, unknown>;
      expect(profile).toMatchObject({ id: ada.user.id, email: ada.email, displayName: 'Ada Export' });
      expect(profile.settings).toEqual({ language: 'en', emailDigest: true });
      const posts = JSON.parse(entries.get('posts.json')!.toString()) as Array<Record<string, unknown>>;
      expect(posts).toEqual([
        expect.objectContaining({
          id: post.id,
          title: 'Ada post title',
          tags: ['privacy'],
          images: [`photos/${photo.id}.webp`],
        }),
      ]);
      const comments = JSON.parse(entries.get('comments.json')!.toString()) as Array<Record<string, unknown>>;
      expect(comments.map((c) => c.content)).toEqual(['Ada comment on Bob']);
      const messages = JSON.parse(entries.get('messages.json')!.toString()) as Array<Record<string, unknown>>;
      expect(messages).toEqual([
        expect.objectContaining({ content: 'Ada says hi', room: { id: room.id, kind: 'group', name: 'Export room' } }),
      ]);
      const all = [...entries.values()].map((b) => b.toString('latin1')).join('\n');
      for (const foreign of ['Bob post title', 'Bob comment on Ada', 'Bob says hi', otherPhoto.id, bob.email]) {
        expect(all).not.toContain(foreign);
      }
      // The photo is the stored file, byte for byte.
      const stored = await t.http
        .get(photo.url)
        .buffer(true)
        .parse((r, cb) => {
          const c: Buffer[] = [];
          r.on('data', (d: Buffer) => c.push(d));
          r.on('end', () => cb(null, Buffer.concat(c)));
        });
      expect(entries.get(`photos/${photo.id}.webp`)!.equals(stored.body as Buffer)).toBe(true);
      expect(entries.get('README.txt')!.toString()).toContain('messages.json');
    }, 60_000);

    it('pages through more messages than fit one page, each once and in order', async () => {
      const [ada, bob] = [await createUser(t), await createUser(t)];
      const room = await groupWith(ada, [bob], 'Busy room');
      const n = 2 * EXPORT_PAGE + 7;
      // Same-millisecond timestamps in runs of three: the keyset cursor must also order by id.
      await ds.query(
        `INSERT INTO messages (room_id, author_id, content, created_at)
         SELECT $1, $2, 'bulk ' || g, timestamptz '2026-01-01' + (g / 3) * interval '1 millisecond'
           FROM generate_series(1, $3) AS g`,
        [room.id, ada.user.id, n],
      );
      await as(bob).post(`/api/chats/${room.id}/messages`, { content: 'not mine' }).expect(201);
      const since = new Date();
      await as(ada).post('/api/me/export').expect(202);
      const token = tokenIn(
        await waitForMail(t, ada.email, { since, subject: /ready to download/, timeoutMs: 30_000 }),
      );
      const entries = await unzip((await download(token).expect(200)).body as Buffer);
      const messages = JSON.parse(entries.get('messages.json')!.toString()) as Array<{ id: string; createdAt: string }>;
      expect(messages).toHaveLength(n);
      expect(new Set(messages.map((m) => m.id)).size).toBe(n);
      const times = messages.map((m) => m.createdAt);
      expect([...times].sort()).toEqual(times);
    }, 60_000);

    it('a bad token is 404, and so is an expired one; the housekeeping job deletes the expired archive', async () => {
      const ada = await createUser(t);
      const since = new Date();
      await as(ada).post('/api/me/export').expect(202);
      const token = tokenIn(
        await waitForMail(t, ada.email, { since, subject: /ready to download/, timeoutMs: 30_000 }),
      );
      await download(token).expect(200);
      await t.http.get('/api/me/export/not-a-token').expect(404);
      await t.http.get(`/api/me/export/${'A'.repeat(43)}`).expect(404);
      await ds.query(`UPDATE data_exports SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
        ada.user.id,
      ]);
      const res = await download(token).expect(404);
      expect(res.headers['content-type']).toMatch(/json/);
      const [row] = (await ds.query(`SELECT id, file_key FROM data_exports WHERE user_id = $1`, [ada.user.id])) as {
        id: string;
        file_key: string;
      }[];
      const file = join(t.config.exportsDir, row.file_key);
      expect(existsSync(file)).toBe(true);
      expect(await t.app.get(PrivacyJobs).deleteExpired()).toBeGreaterThanOrEqual(1);
      expect(existsSync(file)).toBe(false);
      expect(await ds.query(`SELECT id FROM data_exports WHERE id = $1`, [row.id])).toEqual([]);
    }, 60_000);
  });

  describe('deletion', () => {
    it('wrong password 403, wrong code 400, then success: tokens 401, socket dropped, profile and post 404, group message anonymised, admin handed over, email free', async () => {
      const [ada, bob] = [await createUser(t, { displayName: 'Ada Leaving' }), await createUser(t)];
      const post = (await as(ada).post('/api/posts', { title: 'soon gone', content: 'x' }).expect(201)).body as Post;
      const room = await groupWith(ada, [bob], 'Stays readable');
      await as(ada).post(`/api/chats/${room.id}/messages`, { content: 'words that stay' }).expect(201);
      const dm = (await as(ada).post('/api/chats/direct', { userId: bob.user.id })).body as Room;
      await as(ada).post(`/api/chats/${dm.id}/messages`, { content: 'a direct word that stays' }).expect(201);
      await as(ada).post(`/api/friendships/requests`, { userId: bob.user.id }).expect(201);

      await as(ada).post('/api/me/deletion/code', { password: 'wrong-password' }).expect(403);
      await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code: '000000' }).expect(410); // none asked for
      const since = new Date();
      await as(ada).post('/api/me/deletion/code', { password: DEFAULT_PASSWORD }).expect(202);
      const code = codeIn(await waitForMail(t, ada.email, { since, subject: /delete your/ }));
      const wrong = code === '123456' ? '654321' : '123456';
      const bad = await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code: wrong }).expect(400);
      expect(bad.body).toMatchObject({ code: 'code_invalid', attemptsLeft: 4 });
      await as(ada).del('/api/me').send({ password: 'wrong-password', code }).expect(403);
      await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD }).expect(400);

      const socket = await chat.connect(t.url, ada.accessToken);
      const dropped = disconnected(socket);
      await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code }).expect(204);
      await dropped;

      await as(ada).get('/api/auth/me').expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: ada.refreshToken }).expect(401);
      await t.http.post('/api/auth/login').send({ email: ada.email, password: DEFAULT_PASSWORD }).expect(401);
      await as(bob).get(`/api/profiles/${ada.user.id}`).expect(404);
      await as(bob).get(`/api/posts/${post.id}`).expect(404);
      await as(bob).get(`/api/profiles/${ada.user.id}/images`).expect(404);
      await as(bob).post('/api/chats/direct', { userId: ada.user.id }).expect(404);

      const history = (await as(bob).get(`/api/chats/${room.id}/messages`).expect(200)).body as Page<Message>;
      const kept = history.items.find((m) => m.content === 'words that stay');
      expect(kept?.author).toEqual({ id: ada.user.id, displayName: 'Deleted user', avatarUrl: null, online: false });
      const direct = (await as(bob).get(`/api/chats/${dm.id}/messages`).expect(200)).body as Page<Message>;
      expect(direct.items.map((m) => [m.content, m.author.displayName])).toEqual([
        ['a direct word that stays', 'Deleted user'],
      ]);
      const after = (await as(bob).get(`/api/chats/${room.id}`).expect(200)).body as Room;
      expect(after.adminId).toBe(bob.user.id);
      expect(after.members.map((m) => m.id)).toEqual([bob.user.id]);
      const requests = await as(bob).get('/api/friendships/requests?direction=incoming').expect(200);
      expect((requests.body as Page<unknown>).items).toEqual([]);

      await t.http
        .post('/api/auth/register')
        .send({ email: ada.email, password: DEFAULT_PASSWORD, displayName: 'Ada Again' })
        .expect(202);
    }, 60_000);

    it('too many wrong codes kill the code (410), and nothing is deleted', async () => {
      const ada = await createUser(t);
      const since = new Date();
      await as(ada).post('/api/me/deletion/code', { password: DEFAULT_PASSWORD }).expect(202);
      const code = codeIn(await waitForMail(t, ada.email, { since, subject: /delete your/ }));
      const wrong = code === '123456' ? '654321' : '123456';
      for (let i = 0; i < 5; i++)
        await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code: wrong }).expect(400);
      const dead = await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code }).expect(410);
      expect(dead.body).toMatchObject({ code: 'code_expired' });
      await as(ada).get('/api/auth/me').expect(200);
      await as(ada).post('/api/me/deletion/code', { password: DEFAULT_PASSWORD }).expect(429);
    }, 60_000);

    it('a deleted account is gone from people search, its exports with it', async () => {
      const ada = await createUser(t, { displayName: `Findable ${uniqueEmail('x').slice(0, 12)}` });
      const bob = await createUser(t);
      await as(ada).post('/api/me/export').expect(202);
      const since = new Date();
      await as(ada).post('/api/me/deletion/code', { password: DEFAULT_PASSWORD }).expect(202);
      const code = codeIn(await waitForMail(t, ada.email, { since, subject: /delete your/ }));
      await as(ada).del('/api/me').send({ password: DEFAULT_PASSWORD, code }).expect(204);
      const found = await as(bob).get('/api/profiles').query({ search: ada.user.displayName }).expect(200);
      expect((found.body as Page<{ id: string }>).items.map((p) => p.id)).not.toContain(ada.user.id);
      const left = (await ds.query(`SELECT count(*)::int AS n FROM data_exports WHERE user_id = $1`, [
        ada.user.id,
      ])) as {
        n: number;
      }[];
      expect(left[0].n).toBe(0);
    }, 60_000);
  });
});
