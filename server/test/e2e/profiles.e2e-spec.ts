import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { bearer, createUser, type TestUser } from '../factories/users';

describe('Profiles API', () => {
  let t: TestApp;
  let ann: TestUser;
  let bob: TestUser;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    t = await createTestApp();
    ann = await createUser(t, { displayName: `Ann ${tag}`, firstName: 'Annabel', lastName: `Smith${tag}` });
    bob = await createUser(t, { displayName: `Bob ${tag}` });
  });
  afterAll(() => t.close());

  it('requires a token', async () => {
    await t.http.get('/api/profiles').expect(401);
    await t.http.get(`/api/profiles/${ann.user.id}`).expect(401);
    await t.http.patch('/api/profiles/me').send({ about: 'x' }).expect(401);
  });

  it('searches by display, first or last name, case-insensitively, treating % and _ literally', async () => {
    const byDisplay = await t.http.get(`/api/profiles?search=ann ${tag}`).set(bearer(bob.accessToken)).expect(200);
    expect(byDisplay.body.items.map((p: { id: string }) => p.id)).toEqual([ann.user.id]);
    const byLast = await t.http
      .get(`/api/profiles?search=SMITH${tag.toUpperCase()}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(byLast.body.items.map((p: { id: string }) => p.id)).toEqual([ann.user.id]);
    const byFull = await t.http
      .get(`/api/profiles?search=${encodeURIComponent(`annabel smith${tag}`)}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(byFull.body.items).toHaveLength(1);
    const wildcard = await t.http
      .get(`/api/profiles?search=${encodeURIComponent('%')}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    // Other suites share this database and may hold a name with a literal %: only those may match.
    const wildcardHits = wildcard.body.items as Array<{
      id: string;
      displayName: string;
      firstName: string;
      lastName: string;
    }>;
    expect(wildcardHits.map((h) => h.id)).not.toEqual(expect.arrayContaining([ann.user.id]));
    expect(wildcardHits.map((h) => h.id)).not.toEqual(expect.arrayContaining([bob.user.id]));
    for (const h of wildcardHits) expect(`${h.displayName} ${h.firstName} ${h.lastName}`).toContain('%');
    const p = byDisplay.body.items[0];
    expect(p).toEqual(
      expect.objectContaining({
        displayName: `Ann ${tag}`,
        firstName: 'Annabel',
        friendship: 'none',
        friendsCount: 0,
        online: false,
        avatarUrl: null,
      }),
    );
    expect(p.email).toBeUndefined();
  });

  it('pages newest first with an opaque cursor and rejects a bad one', async () => {
    const first = await t.http.get('/api/profiles?limit=1').set(bearer(bob.accessToken)).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/profiles?limit=1&cursor=${first.body.nextCursor}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    await t.http.get('/api/profiles?cursor=garbage').set(bearer(bob.accessToken)).expect(400);
    await t.http.get('/api/profiles?limit=0').set(bearer(bob.accessToken)).expect(400);
    await t.http.get('/api/profiles?limit=101').set(bearer(bob.accessToken)).expect(400);
  });

  it('pages through people created within the same millisecond without skipping any', async () => {
    const twins = `Twin${tag}`;
    const made = await Promise.all([1, 2, 3].map((i) => createUser(t, { displayName: `${twins} ${i}` })));
    const ds = t.app.get(DataSource);
    for (const [i, u] of made.entries()) {
      await ds.query(`UPDATE users SET created_at = $1 WHERE id = $2`, [`2001-01-01T00:00:00.123${i}56Z`, u.user.id]);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http
        .get('/api/profiles')
        .query({ search: twins, limit: 1, ...(cursor ? { cursor } : {}) })
        .set(bearer(bob.accessToken))
        .expect(200);
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((u) => u.user.id).sort());
  });

  it('keeps text as given, emoji and Cyrillic included, counting characters rather than bytes', async () => {
    const about = '👋🏽 Привіт! '.repeat(40); // 440 characters, 520 UTF-16 units, far more bytes
    const res = await t.http
      .patch('/api/profiles/me')
      .set(bearer(bob.accessToken))
      .send({ about, firstName: 'Ґа\u0000нна', lastName: '\u0000' })
      .expect(200);
    // NUL characters cannot be stored by PostgreSQL: they are dropped (as in chat messages), never a 500.
    expect(res.body).toMatchObject({ about, firstName: 'Ґанна', lastName: '' });
  });

  it('drops NUL characters from a search; refuses an array or an over-long one and malformed pages (400 naming them)', async () => {
    const found = await t.http
      .get(`/api/profiles?search=${encodeURIComponent(`Ann\u0000 ${tag}`)}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(ann.user.id);
    for (const qs of ['search=a&search=b', `search=${'я'.repeat(101)}`]) {
      const res = await t.http.get(`/api/profiles?${qs}`).set(bearer(ann.accessToken)).expect(400);
      expect(JSON.stringify(res.body.message)).toContain('search');
    }
    for (const qs of [
      'limit=0',
      'limit=101',
      'limit=1e20',
      'limit=-1',
      'limit=2.5',
      'limit=abc',
      'cursor=a&cursor=b',
    ]) {
      const res = await t.http.get(`/api/profiles?${qs}`).set(bearer(ann.accessToken)).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(qs.split('=')[0]);
    }
  });

  it('shows one profile, "self" for my own, 404 for unknown ids and 400 for malformed ones', async () => {
    const other = await t.http.get(`/api/profiles/${ann.user.id}`).set(bearer(bob.accessToken)).expect(200);
    expect(other.body.friendship).toBe('none');
    const self = await t.http.get(`/api/profiles/${bob.user.id}`).set(bearer(bob.accessToken)).expect(200);
    expect(self.body.friendship).toBe('self');
    await t.http.get('/api/profiles/00000000-0000-4000-8000-000000000000').set(bearer(bob.accessToken)).expect(404);
    await t.http.get('/api/profiles/not-a-uuid').set(bearer(bob.accessToken)).expect(400);
  });

  it('edits my profile and settings, returning Me', async () => {
    const res = await t.http
      .patch('/api/profiles/me')
      .set(bearer(ann.accessToken))
      .send({
        about: 'Compilers and tea',
        dateOfBirth: '1990-04-21',
        language: 'uk',
        emailDigest: false,
        displayName: '  Ann B  ',
      })
      .expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        about: 'Compilers and tea',
        dateOfBirth: '1990-04-21',
        language: 'uk',
        emailDigest: false,
        displayName: 'Ann B',
        email: ann.email,
      }),
    );
    const me = await t.http.get('/api/auth/me').set(bearer(ann.accessToken)).expect(200);
    expect(me.body.emailDigest).toBe(false);
    const cleared = await t.http
      .patch('/api/profiles/me')
      .set(bearer(ann.accessToken))
      .send({ dateOfBirth: null })
      .expect(200);
    expect(cleared.body.dateOfBirth).toBeNull();
  });

  it.each([
    [{ about: 'x'.repeat(501) }, 'about'],
    [{ dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
    [{ dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
    [{ dateOfBirth: '21/04/1990' }, 'dateOfBirth'],
    [{ displayName: '' }, 'displayName'],
    [{ language: 'fr' }, 'language'],
    [{ emailDigest: 'yes' }, 'emailDigest'],
    [{ email: 'new@example.com' }, 'email'],
    [{ displayName: null }, 'displayName'],
    [{ firstName: null }, 'firstName'],
    [{ lastName: null }, 'lastName'],
    [{ about: null }, 'about'],
    [{ language: null }, 'language'],
    [{ emailDigest: null }, 'emailDigest'],
    [{ displayName: ['Bob'] }, 'displayName'],
    [{ displayName: '\u0000' }, 'displayName'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const res = await t.http.patch('/api/profiles/me').set(bearer(bob.accessToken)).send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });
});
