import type { OutboxMail, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, type TestUser } from '../factories/users';
import { connectChat, settle } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** UNREAD_DIGEST_DELAY=1: a direct message still unread a second later, recipient offline → one summary email (via the worker). */
describe('Unread digest by email', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { UNREAD_DIGEST_DELAY: '1' }, worker: true });
  });
  afterAll(() => t.close());

  const outbox = async (u: TestUser): Promise<OutboxMail[]> =>
    (await t.http.get('/api/dev/outbox').query({ to: u.email }).expect(200)).body as OutboxMail[];
  const direct = async (a: TestUser, b: TestUser): Promise<Room> =>
    (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id })).body as Room;
  const send = (a: TestUser, roomId: string, content: string) =>
    t.http.post(`/api/chats/${roomId}/messages`).set(bearer(a.accessToken)).send({ content }).expect(201);

  async function waitForMails(u: TestUser, n: number, timeoutMs = 8000): Promise<OutboxMail[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mails = await outbox(u);
      if (mails.length >= n || Date.now() > until) return mails;
      await settle(200);
    }
  }

  it('sends ONE email summarising every unread conversation, not one per message', async () => {
    const [alice, bob, rita] = [
      await createUser(t, { displayName: 'Alice' }),
      await createUser(t, { displayName: 'Bob' }),
      await createUser(t, { displayName: 'Rita' }),
    ];
    const fromBob = await direct(bob, rita);
    const fromAlice = await direct(alice, rita);
    await send(bob, fromBob.id, 'first');
    await send(bob, fromBob.id, 'second');
    await send(alice, fromAlice.id, 'are you <there>?');
    const mails = await waitForMails(rita, 1);
    await settle(2500); // later jobs (other windows, follow-ups) find nothing new
    expect(await outbox(rita)).toHaveLength(1);
    expect(mails[0].subject).toBe('You have 3 unread messages on World IT');
    expect(mails[0].text).toContain('Bob: 2 new messages');
    expect(mails[0].text).toContain('Alice: 1 new message');
    expect(mails[0].text).toContain(`/chats/${fromBob.id}`);
    expect(mails[0].html).toContain('are you &lt;there&gt;?');
  });

  it('sends nothing when the message is read in time, when the recipient is connected, or with digests off', async () => {
    const [a, reader, online, optedOut] = [
      await createUser(t),
      await createUser(t),
      await createUser(t),
      await createUser(t),
    ];
    const r1 = await direct(a, reader);
    const m = await send(a, r1.id, 'read me quickly');
    await t.http
      .post(`/api/chats/${r1.id}/read`)
      .set(bearer(reader.accessToken))
      .send({ messageId: m.body.id })
      .expect(204);

    const socket = await connectChat(t.url, online.accessToken);
    const r2 = await direct(a, online);
    await send(a, r2.id, 'you are here anyway');

    await t.app.get(DataSource).query(`UPDATE users SET email_digest = false WHERE id = $1`, [optedOut.user.id]);
    const r3 = await direct(a, optedOut);
    await send(a, r3.id, 'no emails please');

    await settle(3000);
    socket.close();
    expect(await outbox(reader)).toEqual([]);
    expect(await outbox(online)).toEqual([]);
    expect(await outbox(optedOut)).toEqual([]);
  });

  it('a later message, after a digest went out, makes a second digest with only what is new', async () => {
    const [a, b] = [await createUser(t, { displayName: 'Ann' }), await createUser(t)];
    const room = await direct(a, b);
    await send(a, room.id, 'one');
    expect(await waitForMails(b, 1)).toHaveLength(1);
    await settle(1100); // the next delay window
    await send(a, room.id, 'two');
    const mails = await waitForMails(b, 2);
    expect(mails).toHaveLength(2);
    expect(mails[0].text).toContain('Ann: 1 new message');
    expect(mails[0].text).toContain('"two"');
  });
});
