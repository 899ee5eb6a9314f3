import type { Message, Page, Room } from '@world-it/contracts';
import { bearer, createUser, type TestUser } from '../factories/users';
import { type ChatClient, chatSockets, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** "POST /api/chats/direct … The peer sees it in their list only once it holds a message." */
describe('Chat: a direct room reaches the peer’s list with its first message', () => {
  let t: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const connect = (u: TestUser): Promise<ChatClient> => chat.connect(t.url, u.accessToken);
  const open = async (a: TestUser, b: TestUser, status = 201): Promise<Room> =>
    (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(status))
      .body as Room;
  const listIds = async (u: TestUser): Promise<string[]> =>
    ((await t.http.get('/api/chats').set(bearer(u.accessToken)).expect(200)).body as Page<Room>).items.map((r) => r.id);
  const listed = async (u: TestUser, roomId: string): Promise<Room | undefined> =>
    ((await t.http.get('/api/chats').set(bearer(u.accessToken)).expect(200)).body as Page<Room>).items.find(
      (r) => r.id === roomId,
    );

  it('lists an empty direct room for the one who opened it, not for the peer (who may still open it by id)', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = await open(a, b);
    expect(await listIds(a)).toContain(room.id);
    expect(await listIds(b)).not.toContain(room.id);
    const seen = await t.http.get(`/api/chats/${room.id}`).set(bearer(b.accessToken)).expect(200);
    expect(seen.body).toMatchObject({ id: room.id, kind: 'direct', name: a.user.displayName, lastMessage: null });
    // Opening it again changes nothing for the peer.
    await open(a, b, 200);
    expect(await listIds(b)).not.toContain(room.id);
  });

  it('lists it for the peer once a message is posted over REST, with that message unread', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = await open(a, b);
    const sent = (
      await t.http
        .post(`/api/chats/${room.id}/messages`)
        .set(bearer(a.accessToken))
        .send({ content: 'first words' })
        .expect(201)
    ).body as Message;
    expect(await listed(b, room.id)).toMatchObject({
      id: room.id,
      name: a.user.displayName,
      unreadCount: 1,
      lastMessage: { id: sent.id, content: 'first words' },
    });
    expect(await listed(a, room.id)).toMatchObject({ unreadCount: 0, lastMessage: { id: sent.id } });
  });

  it('sends the peer room:added live with the first socket message (and the message), nothing before it', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const [ca, cb] = [await connect(a), await connect(b)];
    const room = await open(a, b);
    expect((await ca.next('room:added', (r) => r.id === room.id)).lastMessage).toBeNull();
    await settle();
    expect(cb.received('room:added').filter((r) => r.id === room.id)).toEqual([]);
    expect(cb.received('room:updated').filter((r) => r.id === room.id)).toEqual([]);

    const ack = await ca.request('message:send', { roomId: room.id, content: 'hello', clientId: 'dv-1' });
    expect(ack).toMatchObject({ ok: true, message: { content: 'hello' } });
    const added = await cb.next('room:added', (r) => r.id === room.id);
    expect(added).toMatchObject({
      id: room.id,
      kind: 'direct',
      name: a.user.displayName,
      unreadCount: 1,
      lastMessage: { id: ack.message.id, content: 'hello' },
    });
    // An open conversation shows the message itself too.
    expect((await cb.next('message:new', (m) => m.roomId === room.id)).id).toBe(ack.message.id);
    expect(await listIds(b)).toContain(room.id);

    // Later messages are ordinary: no second room:added, and nothing new for the opener's list.
    const second = await ca.request('message:send', { roomId: room.id, content: 'again', clientId: 'dv-2' });
    await cb.next('message:new', (m) => m.id === second.message.id);
    await settle();
    expect(cb.received('room:added').filter((r) => r.id === room.id)).toEqual([]);
    expect(ca.received('room:added').filter((r) => r.id === room.id)).toEqual([]);
  });

  it('lists it for the peer who opens it themself, and tells their other tabs', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = await open(a, b);
    const cb = await connect(b);
    const mine = await open(b, a, 200);
    expect(mine).toMatchObject({ id: room.id, name: a.user.displayName });
    expect((await cb.next('room:added', (r) => r.id === room.id)).lastMessage).toBeNull();
    expect(await listIds(b)).toContain(room.id);
  });

  it('lists it for the peer when the peer writes first', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = await open(a, b);
    const cb = await connect(b);
    const ack = await cb.request('message:send', { roomId: room.id, content: 'you rang?', clientId: 'dv-3' });
    expect(ack.ok).toBe(true);
    expect(await cb.next('room:added', (r) => r.id === room.id)).toMatchObject({
      unreadCount: 0,
      lastMessage: { id: ack.message.id },
    });
    expect(await listed(a, room.id)).toMatchObject({ unreadCount: 1, lastMessage: { id: ack.message.id } });
    expect(await listIds(b)).toContain(room.id);
  });
});
