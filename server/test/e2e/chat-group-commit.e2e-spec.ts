import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Message, Room } from '@world-it/contracts';
import type { Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { ChatService } from '../../src/chat/chat.service';
import { AppMetrics } from '../../src/metrics/app-metrics';
import { createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { requestsAs } from '../utils/requests';

/**
 * Group commit on real PostgreSQL: text messages to a group that arrive while others are being stored
 * share one statement, and each still keeps every promise of a send (stored once, in order, clientId
 * idempotent, membership checked, room activity and read positions right). The sends are started in
 * one tick, so which ones wait for a statement is certain, not a matter of timing.
 */
describe('Chat group commit', () => {
  let t: TestApp;
  let chat: ChatService;
  let db: DataSource;
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let stranger: TestUser;
  let room: Room;
  let open: Room;

  const as = (u: TestUser) => requestsAs(t, u);

  /** Statements and messages of the group-room send path so far. */
  async function sendStatements(): Promise<{ statements: number; messages: number }> {
    const histogram = t.app.get(AppMetrics).registry.getSingleMetric('chat_send_batch_size') as Histogram;
    const values = (await histogram.get()).values;
    const value = (name: string) => values.find((v) => v.metricName === name)?.value ?? 0;
    return { statements: value('chat_send_batch_size_count'), messages: value('chat_send_batch_size_sum') };
  }

  async function history(u: TestUser, roomId: string): Promise<Message[]> {
    return (await as(u).get(`/api/chats/${roomId}/messages?limit=100`).expect(200)).body.items as Message[];
  }

  beforeAll(async () => {
    t = await createTestApp();
    chat = t.app.get(ChatService);
    db = t.app.get(DataSource);
    [a, b, c, stranger] = [await createUser(t), await createUser(t), await createUser(t), await createUser(t)];
    const group = async (visibility: 'public' | 'private', name: string) =>
      (
        await as(a)
          .post('/api/chats/groups', { name, visibility, memberIds: [b.user.id, c.user.id] })
          .expect(201)
      ).body as Room;
    room = await group('private', 'Together');
    open = await group('public', 'Open');
    // The first message of a room tells this process the room's kind; later ones may be coalesced.
    await as(a).post(`/api/chats/${room.id}/messages`, { content: 'first' }).expect(201);
    await as(a).post(`/api/chats/${open.id}/messages`, { content: 'first' }).expect(201);
  });
  afterAll(() => t.close());

  it('stores 40 messages sent at the same moment in fewer statements, each once, in the order they came', async () => {
    const authors = [a, b, c];
    const before = await sendStatements();
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        chat.sendMessage(authors[i % 3].user.id, room.id, { content: `m${i}`, clientId: `gc-${room.id}-${i}` }),
      ),
    );
    const after = await sendStatements();

    expect(sent.every((s) => s.created)).toBe(true);
    expect(sent.map((s) => s.message.content)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    expect(sent.map((s) => s.message.author.id)).toEqual(sent.map((_, i) => authors[i % 3].user.id));
    expect(after.messages - before.messages).toBe(40);
    // Two at once in flight, the other 38 in batches behind them.
    expect(after.statements - before.statements).toBeLessThanOrEqual(4);

    const items = await history(b, room.id);
    expect(items.map((m) => m.content)).toEqual([...Array.from({ length: 40 }, (_, i) => `m${39 - i}`), 'first']);
    expect(new Set(items.map((m) => m.id)).size).toBe(41);

    // Sending is reading up to one's own message: a sent m39 last (0 unread), b m37 (then m38, m39),
    // c m38 (then m39). The room's activity is its newest message.
    const unread = async (u: TestUser) => (await as(u).get(`/api/chats/${room.id}`).expect(200)).body as Room;
    const [ra, rb, rc] = [await unread(a), await unread(b), await unread(c)];
    expect([ra.unreadCount, rb.unreadCount, rc.unreadCount]).toEqual([0, 2, 1]);
    expect(ra.lastMessage?.content).toBe('m39');
    const [activity] = await db.query(
      `SELECT r.last_activity_at = max(m.created_at) AS newest FROM rooms r JOIN messages m ON m.room_id = r.id
        WHERE r.id = $1 GROUP BY r.id`,
      [room.id],
    );
    expect(activity.newest).toBe(true);
  });

  it('answers each send of a batch on its own: resends, a clientId twice, non-members, a row the database refuses', async () => {
    const known = `gc-${room.id}-0`;
    const [stored] = await db.query(`SELECT id FROM messages WHERE author_id = $1 AND client_id = $2`, [
      a.user.id,
      known,
    ]);
    const before = await sendStatements();
    const outcome = (p: Promise<{ message: Message; created: boolean }>) =>
      p.then(
        (r) => ({ created: r.created, id: r.message.id, content: r.message.content }),
        (err: Error) => ({ error: err.constructor.name }),
      );
    const results = await Promise.all([
      // Two in flight, so the rest wait and go together.
      outcome(chat.sendMessage(b.user.id, room.id, { content: 'ahead 1' })),
      outcome(chat.sendMessage(c.user.id, room.id, { content: 'ahead 2' })),
      outcome(chat.sendMessage(a.user.id, room.id, { content: 'twice', clientId: 'gc-twice' })),
      outcome(chat.sendMessage(a.user.id, room.id, { content: 'twice', clientId: 'gc-twice' })),
      outcome(chat.sendMessage(a.user.id, room.id, { content: 'm0 again', clientId: known })),
      outcome(chat.sendMessage(stranger.user.id, room.id, { content: 'let me in' })),
      outcome(chat.sendMessage(stranger.user.id, open.id, { content: 'hello all' })),
      outcome(chat.sendMessage(b.user.id, room.id, { content: 'x'.repeat(5000) })),
      outcome(chat.sendMessage(c.user.id, room.id, { content: 'after all that' })),
    ]);
    const after = await sendStatements();

    expect(results[0]).toMatchObject({ created: true, content: 'ahead 1' });
    expect(results[1]).toMatchObject({ created: true, content: 'ahead 2' });
    expect(results[2]).toMatchObject({ created: true, content: 'twice' });
    expect(results[3]).toEqual({ ...results[2], created: false });
    expect(results[4]).toEqual({ created: false, id: stored.id, content: 'm0' });
    expect(results[5]).toEqual({ error: NotFoundException.name });
    expect(results[6]).toEqual({ error: ForbiddenException.name });
    // Longer than the column: the batch fails, each runs again on its own, and only this one fails.
    expect(results[7]).toEqual({ error: 'QueryFailedError' });
    expect(results[8]).toMatchObject({ created: true, content: 'after all that' });
    // The seven behind the first two went as one batch statement (it failed), then one by one.
    expect(after.statements - before.statements).toBe(2 + 1 + 7);

    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM messages WHERE author_id = $1 AND client_id = 'gc-twice'`,
      [a.user.id],
    );
    expect(n).toBe(1);
    // The two ahead ran side by side (either may be first); the rest kept their order.
    const newest = (await history(b, room.id)).slice(0, 4).map((m) => m.content);
    expect(newest.slice(0, 2)).toEqual(['after all that', 'twice']);
    expect(newest.slice(2).sort()).toEqual(['ahead 1', 'ahead 2']);
    expect((await history(a, open.id)).map((m) => m.content)).toEqual(['first']);
  });
});
