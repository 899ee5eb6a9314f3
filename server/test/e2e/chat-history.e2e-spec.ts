import type { Message, Room } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { bearer, createUser, type TestUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** History in keyset pages: complete, ordered, no duplicates, and as cheap deep in a huge room as in a small one. */
describe('Chat history paging', () => {
  let t: TestApp;
  let db: DataSource;
  let a: TestUser;
  let b: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    [a, b] = [await createUser(t), await createUser(t)];
  });
  afterAll(() => t.close());

  /** `count` messages straight into the table; every 10th pair shares a timestamp so the id breaks ties. */
  async function roomWith(count: number): Promise<Room> {
    const room = (
      await t.http
        .post('/api/chats/groups')
        .set(bearer(a.accessToken))
        .send({ name: `H${count}`, visibility: 'private', memberIds: [b.user.id] })
        .expect(201)
    ).body as Room;
    await db.query(
      `INSERT INTO messages (room_id, author_id, content, created_at)
       SELECT $1, CASE WHEN i % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'message ' || i,
              timestamptz '2024-01-01' + make_interval(secs => (i - (i % 10 = 1)::int))
         FROM generate_series(1, $4) AS i`,
      [room.id, a.user.id, b.user.id, count],
    );
    // The members were there all along (unread counts start at joining).
    await db.query(`UPDATE room_members SET joined_at = '2023-01-01' WHERE room_id = $1`, [room.id]);
    await db.query(`ANALYZE messages`);
    return room;
  }

  async function pageThrough(roomId: string, limit?: number): Promise<Message[]> {
    const all: Message[] = [];
    let cursor: string | null = null;
    do {
      const q: string[] = [];
      if (limit) q.push(`limit=${limit}`);
      if (cursor) q.push(`cursor=${cursor}`);
      const res = await t.http
        .get(`/api/chats/${roomId}/messages?${q.join('&')}`)
        .set(bearer(b.accessToken))
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit ?? 20);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return all;
  }

  function expectNewestFirst(items: Message[]): void {
    for (let i = 1; i < items.length; i++) {
      const [prev, cur] = [items[i - 1], items[i]];
      const order = prev.createdAt > cur.createdAt || (prev.createdAt === cur.createdAt && prev.id > cur.id);
      if (!order) throw new Error(`out of order at ${i}: ${prev.createdAt}/${prev.id} then ${cur.createdAt}/${cur.id}`);
    }
  }

  it('pages through 500 messages (default and odd page sizes) in order, each exactly once', async () => {
    const room = await roomWith(500);
    for (const limit of [undefined, 7, 100]) {
      const items = await pageThrough(room.id, limit);
      expect(items).toHaveLength(500);
      expect(new Set(items.map((m) => m.id)).size).toBe(500);
      expectNewestFirst(items);
      expect(items[0].content).toBe('message 500');
      expect(items[499].content).toBe('message 1');
    }
  });

  it('keeps paging stable while new messages arrive and old ones are deleted', async () => {
    const room = await roomWith(60);
    const first = await t.http.get(`/api/chats/${room.id}/messages?limit=25`).set(bearer(b.accessToken)).expect(200);
    await t.http
      .post(`/api/chats/${room.id}/messages`)
      .set(bearer(a.accessToken))
      .send({ content: 'newer' })
      .expect(201);
    const victim = first.body.items[24] as Message; // the cursor row itself goes away
    await t.http.delete(`/api/chats/${room.id}/messages/${victim.id}`).set(bearer(a.accessToken)).expect(204);
    const rest: Message[] = [];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const res = await t.http
        .get(`/api/chats/${room.id}/messages?limit=25&cursor=${cursor}`)
        .set(bearer(b.accessToken))
        .expect(200);
      rest.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    expect(rest).toHaveLength(35);
    const seen = new Set((first.body.items as Message[]).map((m) => m.id));
    expect(rest.some((m) => seen.has(m.id))).toBe(false);
  });

  it('serves a page from the (room_id, created_at DESC, id DESC) index: the same cost at 500 and 50,000 messages', async () => {
    const small = await roomWith(500);
    const big = await roomWith(50_000);
    const plan = async (roomId: string, deep: boolean): Promise<string> => {
      const [row] = await db.query(
        `EXPLAIN (FORMAT JSON) SELECT m.id FROM messages m WHERE m.room_id = $1 AND m.deleted_at IS NULL
           ${deep ? `AND (m.created_at, m.id) < ('2024-01-01T04:00:00Z'::timestamptz, '00000000-0000-0000-0000-000000000000'::uuid)` : ''}
         ORDER BY m.created_at DESC, m.id DESC LIMIT 21`,
        [roomId],
      );
      return JSON.stringify(row['QUERY PLAN']);
    };
    for (const deep of [false, true]) {
      const p = await plan(big.id, deep);
      expect(p).toContain('messages_room_created_idx');
      expect(p).not.toContain('"Sort"');
    }

    const timePages = async (roomId: string): Promise<number> => {
      // A cursor deep inside the history (the middle of the room), then the median of 15 page loads.
      let cursor: string | null = null;
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const started = process.hrtime.bigint();
        const res: { body: { nextCursor: string | null } } = await t.http
          .get(`/api/chats/${roomId}/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(b.accessToken))
          .expect(200);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        cursor = res.body.nextCursor;
      }
      times.sort((x, y) => x - y);
      return times[Math.floor(times.length / 2)];
    };
    const smallMs = await timePages(small.id);
    const bigMs = await timePages(big.id);
    console.log(
      `history page (limit 50), median of 15: ${smallMs.toFixed(1)} ms at 500 messages, ${bigMs.toFixed(1)} ms at 50,000`,
    );
    expect(bigMs).toBeLessThan(Math.max(smallMs * 4, smallMs + 30));

    const list = await t.http.get('/api/chats').set(bearer(b.accessToken)).expect(200);
    const bigRoom = (list.body.items as Room[]).find((r) => r.id === big.id)!;
    expect(bigRoom.unreadCount).toBe(25_000); // a's messages; b's own never count
    expect(bigRoom.lastMessage?.content).toBe('message 50000');
  }, 60_000);
});
