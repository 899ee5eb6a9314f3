import type { Room } from '@world-it/contracts';
import { bearer, createUser, createUsers } from '../factories/users';
import { type ChatClient, chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

describe('Unknown socket events (/chat)', () => {
  let t: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const connect = (token: string): Promise<ChatClient> => chat.connect(t.url, token);

  it('answers an unknown event sent with an ack { ok: false, error: { code: "unknown_event" } }', async () => {
    const u = await createUser(t);
    const c = await connect(u.accessToken);
    for (const [event, payload] of [
      ['message:sned', { roomId: 'x' }],
      ['room:join', undefined],
      ['presence', { online: true }], // a server-to-client event is not one a client may send
      ['x'.repeat(500), 42],
    ] as const) {
      expect(await c.request(event, payload)).toEqual({
        ok: false,
        error: { code: 'unknown_event', message: expect.stringContaining('Unknown event') },
      });
    }
    const long = await c.request<{ error: { message: string } }>('y'.repeat(500), {});
    expect(long.error.message.length).toBeLessThan(100); // the name is not echoed back whole
  });

  it('ignores one sent without an ack, keeps the socket open, and known events still work', async () => {
    const [a, b] = await createUsers(t, 2);
    const room = (
      await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }).expect(201)
    ).body as Room;
    const c = await connect(a.accessToken);
    c.socket.emit('no:such:event', { anything: true });
    c.socket.emit('another:unknown');
    // Events on one socket are handled in order: this ack comes after the two above were dealt with.
    expect(await c.request('message:send', { roomId: room.id, content: 'still here', clientId: 'u-1' })).toMatchObject({
      ok: true,
      message: { content: 'still here' },
    });
    expect(c.socket.connected).toBe(true);
    expect(await c.request('room:unwatch', { roomId: room.id })).toEqual({ ok: true });
  });

  it('counts unknown events against the socket allowance: a flood is answered rate_limited', async () => {
    // An app of its own with a small allowance (the suites run with a very large one).
    const small = await createTestApp({ env: { RATE_LIMIT_SOCKET_MESSAGES: '2' } });
    try {
      const u = await createUser(small);
      const c = await chat.connect(small.url, u.accessToken);
      // The allowance for events other than messages: 10 × RATE_LIMIT_SOCKET_MESSAGES per 10 s.
      const allowance = 10 * small.config.rateLimitSocketMessages;
      const acks = await Promise.all(
        Array.from({ length: allowance + 5 }, () => c.request<{ error: { code: string } }>('made:up', {})),
      );
      const codes = acks.map((a) => a.error.code);
      expect(codes.filter((x) => x === 'unknown_event')).toHaveLength(allowance);
      expect(codes.filter((x) => x === 'rate_limited')).toHaveLength(5);
      c.close();
    } finally {
      await small.close();
    }
  });
});
