import { bearer, createUser, type TestUser } from '../factories/users';
import { chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** Issue #12: inputs outside probes found answered with a 500. Every one is a 4xx. */
describe('Reliability: hostile input is a 4xx, never a 5xx', () => {
  let t: TestApp;
  let u: TestUser;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp();
    u = await createUser(t);
  });
  afterAll(() => t.close());

  const deepArray = '['.repeat(5000) + ']'.repeat(5000);
  const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);

  it.each([
    ['post', '/api/auth/login'],
    ['post', '/api/auth/register'],
    ['patch', '/api/profiles/me'],
    ['post', '/api/chats/groups'],
    ['post', '/api/notifications/read'],
  ] as const)('refuses deeply nested JSON on %s %s with 400 naming the depth', async (method, path) => {
    for (const body of [deepArray, deepObject]) {
      const res = await t.http[method](path)
        .set(bearer(u.accessToken))
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/nested too deeply/i);
    }
  });

  it('still accepts ordinary nesting', async () => {
    await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.com', password: 'x', extra: { a: { b: [1, [2, [3]]] } } }))
      .expect(400); // forbidNonWhitelisted: `extra` is named, the depth is fine
  });

  const surrogateEmail = 'x\ud800y@example.com';
  it.each([
    ['/api/auth/register', { email: surrogateEmail, password: 'correct-horse-battery', displayName: 'X' }],
    ['/api/auth/confirm', { email: surrogateEmail, code: '123456' }],
    ['/api/auth/resend-code', { email: surrogateEmail }],
    ['/api/auth/login', { email: surrogateEmail, password: 'whatever' }],
    ['/api/auth/password/forgot', { email: surrogateEmail }],
    ['/api/auth/password/reset', { email: surrogateEmail, code: '123456', newPassword: 'correct-horse-battery' }],
  ])('a lone surrogate in the email on %s is a 400', async (path, body) => {
    const res = await t.http.post(path).send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/email/);
  });

  it('a lone surrogate in a new email is a 400', async () => {
    const res = await t.http
      .post('/api/auth/email/change')
      .set(bearer(u.accessToken))
      .send({ newEmail: surrogateEmail, password: u.password });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/newEmail/);
  });

  it.each(['displayName', 'firstName', 'lastName', 'about'])(
    'NUL in %s is dropped; a lone surrogate is a 400 naming it',
    async (field) => {
      const saved = await t.http
        .patch('/api/profiles/me')
        .set(bearer(u.accessToken))
        .send({ [field]: 'Ada\u0000Lovelace' })
        .expect(200);
      expect(saved.body[field]).toBe('AdaLovelace');
      for (const value of ['Ada\ud800', '\udc00x', 'a\udbff\udbffb']) {
        const res = await t.http
          .patch('/api/profiles/me')
          .set(bearer(u.accessToken))
          .send({ [field]: value })
          .expect(400);
        expect(res.body.message).toContain(field);
      }
      // A real pair (an emoji) is text like any other.
      await t.http
        .patch('/api/profiles/me')
        .set(bearer(u.accessToken))
        .send({ [field]: 'Ada \ud83d\ude00' })
        .expect(200);
    },
  );

  it('a NUL in a search is dropped; broken percent-encoding is searched as typed', async () => {
    for (const q of ['%00', 'a%00b']) {
      await t.http.get(`/api/profiles?search=${q}`).set(bearer(u.accessToken)).expect(200);
    }
    await t.http.get(`/api/chats/public?search=%00`).set(bearer(u.accessToken)).expect(200);
    for (const q of ['%ED%A0%80', '%E0%A4%A', '%']) {
      // Express keeps what it cannot decode as the raw text: a search for it, found nowhere.
      const res = await t.http.get(`/api/profiles?search=${q}`).set(bearer(u.accessToken)).expect(200);
      // The database is shared with other suites: whatever matches must hold the raw text literally.
      for (const h of res.body.items as Array<{ displayName: string; firstName: string; lastName: string }>) {
        expect(`${h.displayName} ${h.firstName} ${h.lastName}`).toContain(q);
      }
    }
  });

  it('null for a room name or visibility, a group member list or notification ids is a 400 naming it', async () => {
    const room = (
      await t.http
        .post('/api/chats/groups')
        .set(bearer(u.accessToken))
        .send({ name: 'Nulls', visibility: 'private' })
        .expect(201)
    ).body as { id: string };
    for (const field of ['name', 'visibility']) {
      const res = await t.http
        .patch(`/api/chats/${room.id}`)
        .set(bearer(u.accessToken))
        .send({ [field]: null })
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    const group = await t.http
      .post('/api/chats/groups')
      .set(bearer(u.accessToken))
      .send({ name: 'x', visibility: 'private', memberIds: null })
      .expect(400);
    expect(JSON.stringify(group.body.message)).toContain('memberIds');
    const read = await t.http
      .post('/api/notifications/read')
      .set(bearer(u.accessToken))
      .send({ ids: null })
      .expect(400);
    expect(JSON.stringify(read.body.message)).toContain('ids');
    const msg = await t.http
      .post(`/api/chats/${room.id}/messages`)
      .set(bearer(u.accessToken))
      .send({ content: null })
      .expect(400);
    expect(JSON.stringify(msg.body.message)).toContain('content');
  });

  it('socket payloads follow the same text rules: NUL dropped, lone surrogates and deep nesting refused', async () => {
    const room = (
      await t.http
        .post('/api/chats/groups')
        .set(bearer(u.accessToken))
        .send({ name: 'Sockets', visibility: 'private' })
        .expect(201)
    ).body as { id: string };
    const c = await chat.connect(t.url, u.accessToken);
    expect(await c.request('message:send', { roomId: room.id, content: 'a\u0000b', clientId: 'nul-1' })).toMatchObject({
      ok: true,
      message: { content: 'ab' },
    });
    expect(await c.request('message:send', { roomId: room.id, content: 'a\ud800b', clientId: 'sur-1' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('content') },
    });
    let deep: unknown = 1;
    for (let i = 0; i < 2000; i++) deep = { a: deep };
    expect(
      await c.request('message:send', { roomId: room.id, content: 'x', clientId: 'deep-1', extra: deep }),
    ).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/nested too deeply/) } });
    expect(c.socket.connected).toBe(true);
  });

  it.each(['displayName', 'firstName', 'lastName', 'about', 'language', 'emailDigest'])(
    'null for %s is a 400 naming the field',
    async (field) => {
      const res = await t.http
        .patch('/api/profiles/me')
        .set(bearer(u.accessToken))
        .send({ [field]: null })
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    },
  );
});
