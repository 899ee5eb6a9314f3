import type { Comment, LikeState, Notification, Page, Post, TagCount } from '@world-it/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FEED_WALK_MIN_AUTHORS, PostsRepository } from '../../src/posts/posts.repository';
import { createUser, type TestUser } from '../factories/users';
import { chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs, uploadPng } from '../utils/requests';

describe('Posts: /api/posts, likes, comments, /api/tags', () => {
  let t: TestApp;
  const sockets = chatSockets();

  // A PGlite boot (the embedded run) on a busy 2-core machine can take longer than a test's 30 s.
  beforeAll(async () => {
    t = await createTestApp();
  }, 90_000);
  afterAll(async () => {
    await t.close();
  });

  const as = (u: TestUser) => requestsAs(t, u);
  const post = async (u: TestUser, body: object = {}): Promise<Post> =>
    (
      await as(u)
        .post('/api/posts', { title: 'Hello', ...body })
        .expect(201)
    ).body as Post;
  const page = async (u: TestUser, query: string): Promise<Page<Post>> =>
    (await as(u).get(`/api/posts?${query}`).expect(200)).body as Page<Post>;
  const ids = async (u: TestUser, query: string): Promise<string[]> =>
    (await page(u, `limit=100&${query}`)).items.map((p) => p.id);
  const befriend = async (a: TestUser, b: TestUser) => {
    const sent = await as(a).post('/api/friendships/requests', { userId: b.user.id }).expect(201);
    await as(b)
      .post(`/api/friendships/requests/${(sent.body as { id: string }).id}/accept`)
      .expect(200);
  };
  const messageOf = (res: { body: { message: unknown } }) => JSON.stringify(res.body.message);
  const people = async (n: number) => Promise.all(Array.from({ length: n }, () => createUser(t)));

  describe('writing a post', () => {
    it('creates a post (201) with normalised tags, links and my images in order', async () => {
      const [ann] = await people(1);
      const [a, b] = [await uploadPng(t, ann, 40, 30), await uploadPng(t, ann, 30, 40)];
      const p = await post(ann, {
        title: '  First  ',
        content: 'Line one\nLine two https://example.org',
        tags: ['#Angular', 'NestJS', 'angular', 'open source'],
        links: ['https://angular.dev/guide', 'http://example.org', 'https://angular.dev/guide'],
        imageIds: [b.id, a.id],
        visibility: 'friends',
      });
      expect(p).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        author: { id: ann.user.id, displayName: ann.user.displayName, avatarUrl: null, online: expect.any(Boolean) },
        title: 'First',
        content: 'Line one\nLine two https://example.org',
        tags: ['angular', 'nestjs', 'open-source'],
        links: ['https://angular.dev/guide', 'http://example.org'],
        images: [b, a],
        imagesRemoved: 0,
        visibility: 'friends',
        likesCount: 0,
        commentsCount: 0,
        likedByMe: false,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      });
      expect((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body).toEqual(p);
      const plain = await post(ann, { title: 'Only a title' });
      expect(plain).toMatchObject({ content: '', tags: [], links: [], images: [], visibility: 'public' });
    });

    it('validates the body: 400 naming the field, never a 5xx', async () => {
      const [ann, bob] = await people(2);
      const bobs = await uploadPng(t, bob);
      const cases: Array<[object, string]> = [
        [{}, 'title'],
        [{ title: '' }, 'title'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(256) }, 'title'],
        [{ title: null }, 'title'],
        [{ title: 5 }, 'title'],
        [{ title: 'ok', content: 'x'.repeat(10_001) }, 'content'],
        [{ title: 'ok', content: null }, 'content'],
        [{ title: 'ok', tags: 'angular' }, 'tags'],
        [{ title: 'ok', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
        [{ title: 'ok', tags: ['a b!'] }, 'tag'],
        [{ title: 'ok', tags: ['#'] }, 'tag'],
        [{ title: 'ok', tags: ['x'.repeat(51)] }, 'tag'],
        [{ title: 'ok', tags: [7] }, 'tag'],
        [{ title: 'ok', tags: null }, 'tags'],
        [{ title: 'ok', links: ['javascript:alert(1)'] }, 'link'],
        [{ title: 'ok', links: ['ftp://example.org'] }, 'link'],
        [{ title: 'ok', links: ['example.org'] }, 'link'],
        [{ title: 'ok', links: ['https://x.org/' + 'a'.repeat(2048)] }, 'link'],
        [{ title: 'ok', links: Array.from({ length: 11 }, (_, i) => `https://e.org/${i}`) }, 'links'],
        [{ title: 'ok', imageIds: ['nope'] }, 'imageIds'],
        [{ title: 'ok', imageIds: [bobs.id] }, 'imageIds'],
        [{ title: 'ok', visibility: 'secret' }, 'visibility'],
        [{ title: 'ok', visibility: null }, 'visibility'],
        [{ title: 'ok', authorId: bob.user.id }, 'authorId'],
        [{ title: 'ok\ud800' }, 'title'],
      ];
      for (const [body, field] of cases) {
        const res = await as(ann).post('/api/posts', body);
        expect([res.status, body]).toEqual([400, body]);
        expect(messageOf(res)).toContain(field);
      }
      expect(await ids(ann, 'scope=feed')).toEqual([]);
    });

    it('edits (author only, 403 for others, lists replaced, null refused) and deletes (author or admin → 204)', async () => {
      const [ann, bob, root] = [await createUser(t), await createUser(t), await createUser(t, { role: 'admin' })];
      const img = await uploadPng(t, ann);
      const p = await post(ann, { title: 'Draft', content: 'v1', tags: ['one', 'two'], links: ['https://a.org'] });
      const edited = (
        await as(ann)
          .patch(`/api/posts/${p.id}`, { title: 'Final', tags: ['three'], imageIds: [img.id] })
          .expect(200)
      ).body as Post;
      expect(edited).toMatchObject({ title: 'Final', content: 'v1', tags: ['three'], links: ['https://a.org'] });
      expect(edited.images.map((i) => i.id)).toEqual([img.id]);
      expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(p.updatedAt));
      expect((await as(ann).patch(`/api/posts/${p.id}`, { links: [] }).expect(200)).body).toMatchObject({ links: [] });
      expect(messageOf(await as(ann).patch(`/api/posts/${p.id}`, { title: null }).expect(400))).toContain('title');
      expect(messageOf(await as(ann).patch(`/api/posts/${p.id}`, { content: null }).expect(400))).toContain('content');
      await as(bob).patch(`/api/posts/${p.id}`, { title: 'Mine now' }).expect(403);
      await as(bob).del(`/api/posts/${p.id}`).expect(403);
      await as(ann).del(`/api/posts/${p.id}`).expect(204);
      await as(ann).get(`/api/posts/${p.id}`).expect(404);
      await as(ann).del(`/api/posts/${p.id}`).expect(404);
      const other = await post(bob, { title: 'Spam' });
      await as(root).del(`/api/posts/${other.id}`).expect(204);
      await as(bob).get(`/api/posts/${other.id}`).expect(404);
      await as(ann).get('/api/posts/not-a-uuid').expect(400);
    });

    it('shows an image its owner deleted since as removed, not as a broken picture', async () => {
      const [ann] = await people(1);
      const [a, b] = [await uploadPng(t, ann), await uploadPng(t, ann)];
      const p = await post(ann, { imageIds: [a.id, b.id] });
      await as(ann).del(`/api/uploads/${a.id}`).expect(204);
      const after = (await as(ann).get(`/api/posts/${p.id}`).expect(200)).body as Post;
      expect(after.images.map((i) => i.id)).toEqual([b.id]);
      expect(after.imagesRemoved).toBe(1);
    });
  });

  describe('who sees what', () => {
    it("feed = mine and my friends'; all = everything I may see; friends-only posts reach friends only", async () => {
      const [ann, bob, cat] = await people(3);
      await befriend(ann, bob);
      const annPublic = await post(ann, { title: 'ann public' });
      const annFriends = await post(ann, { title: 'ann friends', visibility: 'friends' });
      const catPublic = await post(cat, { title: 'cat public' });
      const catFriends = await post(cat, { title: 'cat friends', visibility: 'friends' });
      const bobPost = await post(bob, { title: 'bob' });

      expect(await ids(bob, 'scope=feed')).toEqual([bobPost.id, annFriends.id, annPublic.id]);
      expect(await ids(bob, '')).toEqual([bobPost.id, annFriends.id, annPublic.id]);
      const bobAll = await ids(bob, 'scope=all');
      expect(bobAll).toEqual(expect.arrayContaining([bobPost.id, annFriends.id, annPublic.id, catPublic.id]));
      expect(bobAll).not.toContain(catFriends.id);
      // A stranger sees public posts only, everywhere: the feed, all, by author, by tag and by id.
      const catAll = await ids(cat, 'scope=all');
      expect(catAll).toEqual(expect.arrayContaining([annPublic.id, bobPost.id, catFriends.id]));
      expect(catAll).not.toContain(annFriends.id);
      expect(await ids(cat, 'scope=feed')).toEqual([catFriends.id, catPublic.id]);
      expect(await ids(cat, `scope=all&authorId=${ann.user.id}`)).toEqual([annPublic.id]);
      expect(await ids(bob, `scope=all&authorId=${ann.user.id}`)).toEqual([annFriends.id, annPublic.id]);
      expect(await ids(cat, `scope=feed&authorId=${ann.user.id}`)).toEqual([]);
      await as(cat).get(`/api/posts/${annFriends.id}`).expect(404);
      await as(cat).post(`/api/posts/${annFriends.id}/like`).expect(404);
      await as(cat).get(`/api/posts/${annFriends.id}/comments`).expect(404);
      await as(cat).post(`/api/posts/${annFriends.id}/comments`, { content: 'hi' }).expect(404);
      await as(cat).patch(`/api/posts/${annFriends.id}`, { title: 'x' }).expect(404);
      await as(cat).del(`/api/posts/${annFriends.id}`).expect(404);
      await as(bob).get(`/api/posts/${annFriends.id}`).expect(200);
      // Unfriending takes the friends-only post away.
      await as(bob).del(`/api/friendships/${ann.user.id}`).expect(204);
      await as(bob).get(`/api/posts/${annFriends.id}`).expect(404);
      expect(await ids(bob, 'scope=feed')).toEqual([bobPost.id]);
    });

    it('hides posts across a block, both ways, in every list and by id', async () => {
      const [ann, bob] = await people(2);
      const annPost = await post(ann, { title: 'blocked away', tags: ['blockcase'] });
      const bobPost = await post(bob, { title: 'bob side', tags: ['blockcase'] });
      expect(await ids(bob, 'scope=all&tag=blockcase')).toEqual([bobPost.id, annPost.id]);
      await as(ann).post(`/api/profiles/${bob.user.id}/block`).expect(204);
      for (const [viewer, hidden] of [
        [bob, annPost],
        [ann, bobPost],
      ] as const) {
        expect(await ids(viewer, 'scope=all')).not.toContain(hidden.id);
        expect(await ids(viewer, 'scope=all&tag=blockcase')).not.toContain(hidden.id);
        expect(await ids(viewer, `scope=all&authorId=${hidden.author.id}`)).toEqual([]);
        await as(viewer).get(`/api/posts/${hidden.id}`).expect(404);
        await as(viewer).post(`/api/posts/${hidden.id}/like`).expect(404);
        await as(viewer).post(`/api/posts/${hidden.id}/comments`, { content: 'hey' }).expect(404);
      }
      await as(ann).del(`/api/profiles/${bob.user.id}/block`).expect(204);
      await as(bob).get(`/api/posts/${annPost.id}`).expect(200);
    });

    it('pages stay stable while new posts arrive (keyset cursor), and a bad cursor is a 400', async () => {
      const [ann] = await people(1);
      const made: Post[] = [];
      for (let i = 0; i < 7; i++) made.push(await post(ann, { title: `p${i}` }));
      const first = await page(ann, 'scope=feed&limit=3');
      expect(first.items.map((p) => p.title)).toEqual(['p6', 'p5', 'p4']);
      await post(ann, { title: 'newer' });
      await post(ann, { title: 'newest' });
      const second = await page(ann, `scope=feed&limit=3&cursor=${first.nextCursor}`);
      expect(second.items.map((p) => p.title)).toEqual(['p3', 'p2', 'p1']);
      const third = await page(ann, `scope=feed&limit=3&cursor=${second.nextCursor}`);
      expect(third.items.map((p) => p.title)).toEqual(['p0']);
      expect(third.nextCursor).toBeNull();
      for (const q of ['cursor=garbage', 'limit=0', 'limit=101', 'scope=mine', 'authorId=nope']) {
        await as(ann).get(`/api/posts?${q}`).expect(400);
      }
      expect(await ids(ann, 'tag=no%20such%20tag!')).toEqual([]);
    });

    it('a tag page lists the tag\'s posts newest first (the "#" and case do not matter)', async () => {
      const [ann, bob] = await people(2);
      const tag = `tagpage${Date.now().toString(36)}`;
      const a = await post(ann, { tags: [tag, 'other'] });
      const b = await post(bob, { tags: [tag.toUpperCase()] });
      await post(bob, { tags: ['other'] });
      expect(await ids(ann, `scope=all&tag=${tag}`)).toEqual([b.id, a.id]);
      expect(await ids(ann, `scope=all&tag=%23${tag.toUpperCase()}`)).toEqual([b.id, a.id]);
      expect(await ids(ann, `scope=feed&tag=${tag}`)).toEqual([a.id]);
      expect(await ids(ann, `scope=all&tag=${tag}&authorId=${bob.user.id}`)).toEqual([b.id]);
    });
  });

  it('answers 401 without a token on every posts route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['get', '/api/posts'],
      ['post', '/api/posts'],
      ['get', `/api/posts/${id}`],
      ['patch', `/api/posts/${id}`],
      ['delete', `/api/posts/${id}`],
      ['post', `/api/posts/${id}/like`],
      ['delete', `/api/posts/${id}/like`],
      ['get', `/api/posts/${id}/comments`],
      ['post', `/api/posts/${id}/comments`],
      ['delete', `/api/posts/${id}/comments/${id}`],
      ['get', '/api/tags'],
    ] as const) {
      expect([method, path, (await t.http[method](path)).status]).toEqual([method, path, 401]);
    }
  });

  describe('likes', () => {
    it('like and unlike are idempotent and answer { likesCount, likedByMe }', async () => {
      const [ann, bob] = await people(2);
      const p = await post(ann);
      const like = async (method: 'post' | 'del'): Promise<LikeState> =>
        (await as(bob)[method](`/api/posts/${p.id}/like`).expect(200)).body as LikeState;
      expect(await like('post')).toEqual({ likesCount: 1, likedByMe: true });
      expect(await like('post')).toEqual({ likesCount: 1, likedByMe: true });
      expect((await as(bob).get(`/api/posts/${p.id}`).expect(200)).body).toMatchObject({
        likesCount: 1,
        likedByMe: true,
      });
      expect((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body).toMatchObject({
        likesCount: 1,
        likedByMe: false,
      });
      expect(await like('del')).toEqual({ likesCount: 0, likedByMe: false });
      expect(await like('del')).toEqual({ likesCount: 0, likedByMe: false });
      await as(bob).post(`/api/posts/00000000-0000-4000-8000-000000000000/like`).expect(404);
    });

    it('keeps the count right under concurrent likes from many people (and repeated likes from each)', async () => {
      const [ann] = await people(1);
      const likers = await people(12);
      const p = await post(ann);
      const results = await Promise.all(
        likers.flatMap((u) => [as(u).post(`/api/posts/${p.id}/like`), as(u).post(`/api/posts/${p.id}/like`)]),
      );
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      expect(((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body as Post).likesCount).toBe(12);
      await Promise.all(likers.slice(0, 5).map((u) => as(u).del(`/api/posts/${p.id}/like`).expect(200)));
      expect(((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body as Post).likesCount).toBe(7);
    });
  });

  describe('comments', () => {
    it('adds, pages oldest first, validates, and deletes (comment author, post author or admin; others 403)', async () => {
      const [ann, bob, cat] = await people(3);
      const root = await createUser(t, { role: 'admin' });
      const p = await post(ann);
      const add = async (u: TestUser, content: string): Promise<Comment> =>
        (await as(u).post(`/api/posts/${p.id}/comments`, { content }).expect(201)).body as Comment;
      const c1 = await add(bob, '  first  ');
      expect(c1).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        postId: p.id,
        author: expect.objectContaining({ id: bob.user.id, displayName: bob.user.displayName }),
        content: 'first',
        createdAt: expect.stringMatching(/Z$/),
      });
      const c2 = await add(cat, 'second <b>not bold</b>');
      const c3 = await add(ann, 'third');
      const first = (await as(cat).get(`/api/posts/${p.id}/comments?limit=2`).expect(200)).body as Page<Comment>;
      expect(first.items.map((c) => c.id)).toEqual([c1.id, c2.id]);
      const rest = (await as(cat).get(`/api/posts/${p.id}/comments?limit=2&cursor=${first.nextCursor}`).expect(200))
        .body as Page<Comment>;
      expect(rest).toEqual({ items: [expect.objectContaining({ id: c3.id })], nextCursor: null });
      expect(first.items[1].content).toBe('second <b>not bold</b>');
      expect(((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body as Post).commentsCount).toBe(3);

      for (const body of [{}, { content: '' }, { content: '   ' }, { content: 'x'.repeat(2001) }, { content: null }]) {
        expect(messageOf(await as(bob).post(`/api/posts/${p.id}/comments`, body).expect(400))).toContain('content');
      }
      await as(cat).del(`/api/posts/${p.id}/comments/${c1.id}`).expect(403);
      await as(bob).del(`/api/posts/${p.id}/comments/${c1.id}`).expect(204);
      await as(ann).del(`/api/posts/${p.id}/comments/${c2.id}`).expect(204);
      await as(root).del(`/api/posts/${p.id}/comments/${c3.id}`).expect(204);
      await as(root).del(`/api/posts/${p.id}/comments/${c3.id}`).expect(404);
      expect(((await as(ann).get(`/api/posts/${p.id}`).expect(200)).body as Post).commentsCount).toBe(0);
    });
  });

  describe('tags', () => {
    it('autocompletes tags of public posts by prefix, most used first, up to 10', async () => {
      const [ann, bob] = await people(2);
      const stem = `ac${Date.now().toString(36)}`;
      await post(ann, { tags: [`${stem}-popular`, `${stem}-rare`] });
      await post(bob, { tags: [`${stem}-popular`] });
      await post(bob, { tags: [`${stem}-secret`], visibility: 'friends' });
      for (let i = 0; i < 11; i++) await post(ann, { tags: [`${stem}-n${i}`] });
      const tags = (await as(bob).get(`/api/tags?prefix=%23${stem.toUpperCase()}`).expect(200)).body as TagCount[];
      expect(tags).toHaveLength(10);
      expect(tags[0]).toEqual({ name: `${stem}-popular`, postsCount: 2 });
      expect(tags.map((x) => x.name)).not.toContain(`${stem}-secret`);
      const rare = (await as(bob).get(`/api/tags?prefix=${stem}-r`).expect(200)).body as TagCount[];
      expect(rare).toEqual([{ name: `${stem}-rare`, postsCount: 1 }]);
      // Deleting the only post with a tag takes it out of the suggestions.
      const only = await post(ann, { tags: [`${stem}-gone`] });
      await as(ann).del(`/api/posts/${only.id}`).expect(204);
      expect((await as(ann).get(`/api/tags?prefix=${stem}-g`).expect(200)).body).toEqual([]);
      expect((await as(ann).get('/api/tags?prefix=%25').expect(200)).body).toEqual([]);
    });
  });

  describe('notifications and live events', () => {
    it('post_liked and post_commented reach the author, grouped per post, never for their own acts or across a block', async () => {
      const [ann, cat] = await people(2);
      const likers = await people(4);
      const p = await post(ann);
      await as(ann).post(`/api/posts/${p.id}/like`).expect(200);
      await as(ann).post(`/api/posts/${p.id}/comments`, { content: 'mine' }).expect(201);
      for (const u of likers) await as(u).post(`/api/posts/${p.id}/like`).expect(200);
      await as(likers[0]).del(`/api/posts/${p.id}/like`).expect(200);
      await as(likers[0]).post(`/api/posts/${p.id}/like`).expect(200);
      await as(likers[1]).post(`/api/posts/${p.id}/comments`, { content: 'nice' }).expect(201);
      await as(cat).post(`/api/profiles/${ann.user.id}/block`).expect(204);
      const list = async () =>
        ((await as(ann).get('/api/notifications').expect(200)).body as Page<Notification>).items.filter(
          (n) => n.subjectId === p.id,
        );
      const got = await list();
      expect(got.map((n) => [n.type, n.actorsCount, n.actor?.id])).toEqual([
        ['post_commented', 1, likers[1].user.id],
        ['post_liked', 4, likers[0].user.id],
      ]);
      await as(ann).post('/api/notifications/read', {}).expect(204);
      await as(likers[2]).del(`/api/posts/${p.id}/like`).expect(200);
      await as(likers[2]).post(`/api/posts/${p.id}/like`).expect(200);
      const fresh = (await list()).filter((n) => !n.read);
      expect(fresh.map((n) => [n.type, n.actorsCount])).toEqual([['post_liked', 1]]);
    });

    it('pushes post:new to the author and their friends (not strangers) and post:counts on likes and comments', async () => {
      const [ann, bob, cat] = await people(3);
      await befriend(ann, bob);
      const [bobSocket, catSocket, annSocket] = await Promise.all(
        [bob, cat, ann].map((u) => sockets.connect(t.url, u.accessToken)),
      );
      try {
        const p = await post(ann, { title: 'live', visibility: 'friends' });
        expect(await bobSocket.next('post:new', (e) => e.postId === p.id)).toEqual({
          postId: p.id,
          authorId: ann.user.id,
          createdAt: p.createdAt,
        });
        await annSocket.next('post:new', (e) => e.postId === p.id);
        await as(bob).post(`/api/posts/${p.id}/like`).expect(200);
        expect(await annSocket.next('post:counts', (e) => e.postId === p.id)).toEqual({
          postId: p.id,
          likesCount: 1,
          commentsCount: 0,
        });
        await as(bob).post(`/api/posts/${p.id}/comments`, { content: 'yay' }).expect(201);
        await annSocket.next('post:counts', (e) => e.postId === p.id && e.commentsCount === 1);
        const n = await annSocket.next('notification', (x) => x.type === 'post_commented');
        expect(n).toMatchObject({ subjectId: p.id, actor: expect.objectContaining({ id: bob.user.id }) });
        // A later post by a stranger's friend reaches nobody unrelated: cat heard of neither.
        const marker = await post(cat, { title: 'cat marker' });
        await catSocket.next('post:new', (e) => e.postId === marker.id);
        expect(catSocket.received('post:new').filter((e) => e.postId === p.id)).toEqual([]);
      } finally {
        await Promise.all([bobSocket, catSocket, annSocket].map((s) => s.close()));
      }
    });
  });

  describe('the indexes serve the feed (EXPLAIN)', () => {
    it('each page query the API runs is an index range (the README index table)', async () => {
      const db = t.app.get(DataSource);
      const [ann, bob] = await people(2);
      await befriend(ann, bob);
      await post(bob, { tags: ['explained'] });
      // The very SQL the repository sends, captured from real requests, then explained on one connection.
      const spy = jest.spyOn(db.manager, 'query');
      const captured = async (path: string): Promise<[string, unknown[]]> => {
        spy.mockClear();
        await as(ann).get(path).expect(200);
        const call = spy.mock.calls.find(([sql]) => /WITH page AS/.test(sql) || /FROM tags WHERE name LIKE/.test(sql));
        if (!call) throw new Error(`no page query for ${path}`);
        return [call[0], (call[1] as unknown[] | undefined) ?? []];
      };
      // A reader with many friends takes the other feed plan; the repository is asked directly (no need for 200 real friendships).
      const repo = t.app.get(PostsRepository);
      spy.mockClear();
      const many = [ann.user.id, ...Array.from({ length: FEED_WALK_MIN_AUTHORS }, () => randomUUID())];
      await repo.page({ id: ann.user.id, authors: many, hidden: [] }, { kind: 'feed' }, null, 21);
      const walk = spy.mock.calls.find(([sql]) => /WITH page AS/.test(sql));
      if (!walk) throw new Error('no page query for a reader with many friends');
      const queries = {
        feedWalk: [walk[0], (walk[1] as unknown[] | undefined) ?? []] as [string, unknown[]],
        feed: await captured('/api/posts?scope=feed'),
        all: await captured('/api/posts?scope=all'),
        author: await captured(`/api/posts?scope=all&authorId=${bob.user.id}`),
        tag: await captured('/api/posts?scope=all&tag=explained'),
        tags: await captured('/api/tags?prefix=expl'),
      };
      spy.mockRestore();
      const runner = db.createQueryRunner();
      try {
        // A test database is tiny: without this the planner would rightly read whole tables.
        await runner.query('SET enable_seqscan = off');
        const plan = async ([sql, params]: [string, unknown[]]) =>
          JSON.stringify(await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
        expect(await plan(queries.feed)).toContain('posts_author_created_idx');
        expect(await plan(queries.feedWalk)).toContain('posts_created_idx');
        expect(await plan(queries.all)).toContain('posts_created_idx');
        expect(await plan(queries.author)).toContain('posts_author_created_idx');
        expect(await plan(queries.tag)).toContain('post_tags_tag_created_idx');
        expect(await plan(queries.tags)).toContain('tags_name_prefix_idx');
        for (const q of [queries.feed, queries.feedWalk, queries.all, queries.author, queries.tag]) {
          // The page is never a sort of every post: a Sort node, if any, sits above a LIMIT-bounded input.
          expect(await plan(q)).not.toContain('"Seq Scan"');
        }
      } finally {
        await runner.release();
      }
    });
  });
});
