import type { Post, Room } from '@world-it/contracts';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ImageEntity } from '../../src/media/image.entity';
import { bearer, createUser, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { png } from '../utils/images';

/** Low budgets for these two app instances only (every other suite runs with them raised). */
const LIMITS = {
  RATE_LIMIT_SOCKET_MESSAGES: '4',
  RATE_LIMIT_UPLOADS: '2',
  RATE_LIMIT_POSTS: '3',
  RATE_LIMIT_LIKES: '3',
  RATE_LIMIT_WRITES: '5',
};
const MESSAGES = 4;

/** A 429 in the contract's error shape, with a whole-second `Retry-After` within the bucket's window. */
function expectLimited(res: Response, windowSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({
    statusCode: 429,
    error: 'Too Many Requests',
    code: 'rate_limited',
    message: expect.stringMatching(/too many requests/i),
  });
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
}

function expectSocketLimited(ack: unknown, windowMs: number): void {
  expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
  const ms = (ack as { error: { retryAfterMs: number } }).error.retryAfterMs;
  expect(ms).toBeGreaterThan(0);
  expect(ms).toBeLessThanOrEqual(windowMs);
}

describe('Per-user rate limits on writes, counted in Redis across processes and sockets', () => {
  let one: TestApp;
  let two: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    [one, two] = await Promise.all([createTestApp({ env: LIMITS }), createTestApp({ env: LIMITS })]);
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  async function directRoom(a: TestUser, b: TestUser): Promise<Room> {
    return (await one.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201))
      .body as Room;
  }
  const sendRest = (app: TestApp, u: TestUser, roomId: string, content: string) =>
    app.http.post(`/api/chats/${roomId}/messages`).set(bearer(u.accessToken)).send({ content });
  const sendSocket = (c: ChatClient, roomId: string, content: string) =>
    c.request('message:send', { roomId, content, clientId: `rl-${content}` });

  it('answers the message past RATE_LIMIT_SOCKET_MESSAGES per 10 s over REST with 429, Retry-After and rate_limited', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = await directRoom(a, b);
    for (let i = 0; i < MESSAGES; i++) await sendRest(one, a, room.id, `m${i}`).expect(201);
    expectLimited(await sendRest(one, a, room.id, 'one too many'), 10);
    // Reads are not limited, and the refused message was not stored.
    const page = await one.http.get(`/api/chats/${room.id}/messages`).set(bearer(a.accessToken)).expect(200);
    expect((page.body as { items: Array<{ content: string }> }).items.map((m) => m.content)).not.toContain(
      'one too many',
    );
    // Another user (in the same room) has a budget of their own.
    await sendRest(one, b, room.id, 'from b').expect(201);
  });

  it('shares one message budget between REST and sockets, two sockets of the user and two API processes', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = await directRoom(a, b);
    const [s1, s2] = [await chat.connect(one.url, a.accessToken), await chat.connect(two.url, a.accessToken)];
    await sendRest(one, a, room.id, 'rest-one').expect(201);
    expect(await sendSocket(s1, room.id, 'socket-one')).toMatchObject({ ok: true });
    expect(await sendSocket(s2, room.id, 'socket-two')).toMatchObject({ ok: true });
    await sendRest(two, a, room.id, 'rest-two').expect(201);
    // The budget (4) is spent, whichever way and wherever the next one comes in.
    expectSocketLimited(await sendSocket(s1, room.id, 'over-1'), 10_000);
    expectSocketLimited(await sendSocket(s2, room.id, 'over-2'), 10_000);
    expectLimited(await sendRest(two, a, room.id, 'over-3'), 10);
    const edit = await s1.request('message:edit', { roomId: room.id, messageId: room.id, content: 'x' });
    expectSocketLimited(edit, 10_000); // edits spend from the same bucket
    expect(s1.socket.connected && s2.socket.connected).toBe(true);
    // b, on the same processes and in the same room, is not affected.
    const sb = await chat.connect(two.url, b.accessToken);
    expect(await sendSocket(sb, room.id, 'b-socket')).toMatchObject({ ok: true });
  });

  it('accepts messages again once the wait it announced has passed', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = await directRoom(a, b);
    const s = await chat.connect(two.url, a.accessToken);
    for (let i = 0; i < MESSAGES; i++) expect(await sendSocket(s, room.id, `w${i}`)).toMatchObject({ ok: true });
    const refused = (await sendSocket(s, room.id, 'refused')) as { error: { retryAfterMs: number } };
    expectSocketLimited(refused, 10_000);
    // Waiting is the behaviour under test: the announced retry time, not a stand-in for an event.
    await new Promise((r) => setTimeout(r, refused.error.retryAfterMs + 50));
    await sendRest(one, a, room.id, 'after the wait').expect(201);
  }, 20_000);

  it('limits socket events that write (typing) per user across sockets, apart from messages', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const room = await directRoom(a, b);
    const [s1, s2] = [await chat.connect(one.url, a.accessToken), await chat.connect(two.url, a.accessToken)];
    const events = MESSAGES * 10;
    const acks = await Promise.all(
      Array.from({ length: events }, (_, i) =>
        (i % 2 ? s1 : s2).request('typing', { roomId: room.id, isTyping: i % 4 < 2 }),
      ),
    );
    expect(acks.every((x) => (x as { ok: boolean }).ok)).toBe(true);
    // Each socket has used half its own allowance, but the user's budget is spent.
    expectSocketLimited(await s1.request('typing', { roomId: room.id, isTyping: false }), 10_000);
    expectSocketLimited(await s2.request('read', { roomId: room.id, messageId: room.id }), 10_000);
    // Messages are a bucket of their own; room:watch writes nothing and is not counted per user.
    expect(await sendSocket(s1, room.id, 'still-allowed')).toMatchObject({ ok: true });
    expect(await s2.request('room:watch', { roomId: room.id })).toMatchObject({ ok: true });
  });

  it('limits uploads per user (RATE_LIMIT_UPLOADS a minute) before the file is read', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const file = await png();
    const upload = (app: TestApp, u: TestUser) =>
      app.http.post('/api/uploads').set(bearer(u.accessToken)).attach('file', file, 'a.png');
    await upload(one, a).expect(201);
    await upload(two, a).expect(201);
    expectLimited(await upload(one, a), 60);
    expectLimited(await upload(two, a), 60);
    // Refused before anything was decoded or stored.
    expect(await one.app.get(DataSource).getRepository(ImageEntity).countBy({ ownerId: a.user.id })).toBe(2);
    await upload(two, b).expect(201);
  });

  it('limits posts and comments together, and likes apart (RATE_LIMIT_POSTS, RATE_LIMIT_LIKES a minute)', async () => {
    const [a, b] = [await createUser(one), await createUser(one)];
    const post = (await one.http.post('/api/posts').set(bearer(a.accessToken)).send({ title: 'T', content: 'c' }))
      .body as Post;
    expect(post.id).toBeDefined();
    const comment = (app: TestApp, u: TestUser) =>
      app.http.post(`/api/posts/${post.id}/comments`).set(bearer(u.accessToken)).send({ content: 'hi' });
    await comment(two, a).expect(201);
    await comment(one, a).expect(201);
    expectLimited(await comment(two, a), 60);
    expectLimited(await one.http.post('/api/posts').set(bearer(a.accessToken)).send({ title: 'T2', content: 'c' }), 60);
    await comment(one, b).expect(201);
    // Likes have a budget of their own: still open after the posts bucket ran out.
    const like = (app: TestApp, method: 'post' | 'delete') =>
      app.http[method](`/api/posts/${post.id}/like`).set(bearer(a.accessToken));
    await like(one, 'post').expect(200);
    await like(two, 'delete').expect(200);
    await like(one, 'post').expect(200);
    expectLimited(await like(two, 'delete'), 60);
    // Reading stays open.
    await one.http.get(`/api/posts/${post.id}`).set(bearer(a.accessToken)).expect(200);
  });

  it('limits every other write (RATE_LIMIT_WRITES a minute): profile edits, albums, friend requests', async () => {
    const [a, b, c] = [await createUser(one), await createUser(one), await createUser(one)];
    const as = (app: TestApp) => ({
      patch: (path: string, body: object) => app.http.patch(path).set(bearer(a.accessToken)).send(body),
      post: (path: string, body: object) => app.http.post(path).set(bearer(a.accessToken)).send(body),
    });
    await as(one).patch('/api/profiles/me', { about: 'one' }).expect(200);
    await as(two).patch('/api/profiles/me', { about: 'two' }).expect(200);
    await as(one).post('/api/albums', { name: 'Album' }).expect(201);
    await as(two).post('/api/friendships/requests', { userId: b.user.id }).expect(201);
    await as(one).patch('/api/profiles/me', { about: 'three' }).expect(200);
    expectLimited(await as(two).post('/api/friendships/requests', { userId: c.user.id }), 60);
    expectLimited(await as(one).patch('/api/profiles/me', { about: 'four' }), 60);
    const me = await one.http.get('/api/auth/me').set(bearer(a.accessToken)).expect(200);
    expect(me.body.about).toBe('three');
    await two.http.patch('/api/profiles/me').set(bearer(c.accessToken)).send({ about: 'c' }).expect(200);
  });
});
