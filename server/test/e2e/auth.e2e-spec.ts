import type { AuthResponse, Me } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import {
  bearer,
  createUser,
  DEFAULT_PASSWORD,
  codeIn,
  readCode,
  registerAndConfirm,
  uniqueEmail,
  waitForMail,
} from '../factories/users';

/** The contract's auth table, row by row, on PostgreSQL + Redis with the mail worker consuming Bull. */
describe('Auth API', () => {
  let t: TestApp;
  let ds: DataSource;
  const adminEmail = uniqueEmail('admin');
  const loginAdminEmail = uniqueEmail('admin-login');

  beforeAll(async () => {
    t = await createTestApp({ worker: true, env: { ADMIN_EMAILS: `${adminEmail},${loginAdminEmail.toUpperCase()}` } });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** Moves the last code mailed to an address a few minutes into the past, as if the cooldown had passed. */
  const ageCodes = (email: string, purpose = 'registration') =>
    ds.query(
      `UPDATE registration_codes SET created_at = created_at - interval '2 minutes' WHERE email = lower($1) AND purpose = $2`,
      [email, purpose],
    );
  const register = (email: string, extra: Record<string, unknown> = {}) =>
    t.http.post('/api/auth/register').send({ email, password: DEFAULT_PASSWORD, displayName: 'Ada', ...extra });

  const expectMe = (me: Me, email: string) => {
    expect(me).toEqual({
      id: expect.any(String),
      displayName: expect.any(String),
      avatarUrl: null,
      online: true,
      firstName: '',
      lastName: '',
      about: '',
      dateOfBirth: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      lastSeenAt: null,
      friendsCount: 0,
      friendship: 'self',
      email,
      role: expect.stringMatching(/^(user|admin)$/),
      language: expect.stringMatching(/^(en|uk)$/),
      emailDigest: true,
    });
  };

  describe('POST /api/auth/register', () => {
    it('answers 202 with the email and expiry at once, and mails a 6-digit code valid 15 minutes', async () => {
      const email = uniqueEmail();
      const since = new Date();
      const res = await register(email).expect(202);
      expect(res.body.email).toBe(email);
      const ttl = new Date(res.body.expiresAt).getTime() - Date.now();
      expect(ttl).toBeGreaterThan(14 * 60_000);
      expect(ttl).toBeLessThanOrEqual(15 * 60_000);
      const mail = await waitForMail(t, email, { since });
      expect(mail.to).toBe(email);
      const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect(mail.subject).toContain(code);
      expect(mail.subject).toContain('World IT');
      expect(mail.html).toContain(`>${code}<`);
      expect(mail.text).toMatch(/expires in 1[45] minutes/);
      // Only a hash is stored.
      const rows: Array<{ code_hash: string }> = await ds.query(
        `SELECT code_hash FROM registration_codes WHERE email = $1`,
        [email],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].code_hash).not.toContain(code);
    });

    it('mails in Ukrainian when the language is uk', async () => {
      const email = uniqueEmail();
      await register(email, { language: 'uk' }).expect(202);
      const mail = await waitForMail(t, email);
      expect(mail.subject).toContain('код підтвердження');
      expect(mail.text).toContain('Вітаємо');
      const { body } = await t.http
        .post('/api/auth/confirm')
        .send({ email, code: /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1] })
        .expect(201);
      expect(body.user.language).toBe('uk');
    });

    it('rejects invalid bodies with 400 naming each field, and unknown fields', async () => {
      const res = await t.http
        .post('/api/auth/register')
        .send({ email: 'nope', password: 'short', displayName: '' })
        .expect(400);
      const text = (res.body.message as string[]).join(' | ');
      expect(text).toMatch(/email/);
      expect(text).toMatch(/password/);
      expect(text).toMatch(/displayName/);
      const lang = await register(uniqueEmail(), { language: 'fr' }).expect(400);
      expect(lang.body.message.join(' ')).toMatch(/language/);
      const extra = await register(uniqueEmail(), { role: 'admin' }).expect(400);
      expect(extra.body.message.join(' ')).toMatch(/role/);
      const long = await register(uniqueEmail(), { password: 'x'.repeat(129) }).expect(400);
      expect(long.body.message.join(' ')).toMatch(/password/);
      await t.http.post('/api/auth/register').send([]).expect(400);
    });

    it('answers 409 for a confirmed email, whatever its case and surrounding spaces', async () => {
      const u = await createUser(t);
      const res = await register(`  ${u.email.toUpperCase()} `).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    });

    it('registering again while unconfirmed replaces the password; a new code only after the cooldown', async () => {
      const email = uniqueEmail();
      await register(email, { password: 'first-password' }).expect(202);
      const firstMail = await waitForMail(t, email);
      const firstCode = codeIn(firstMail);
      // Within the cooldown: accepted, no second mail, the first code still works below.
      await register(email, { password: 'second-password', displayName: 'Ada Again' }).expect(202);
      await ageCodes(email);
      await register(email, { password: 'third-password', displayName: 'Ada Third' }).expect(202);
      const secondCode = await readCode(t, email, { newerThan: firstMail });
      const all = await t.http.get('/api/dev/outbox').query({ to: email }).expect(200);
      expect(all.body).toHaveLength(2);
      if (secondCode !== firstCode) {
        await t.http.post('/api/auth/confirm').send({ email, code: firstCode }).expect(400);
      }
      const confirmed = await t.http.post('/api/auth/confirm').send({ email, code: secondCode }).expect(201);
      expect(confirmed.body.user.displayName).toBe('Ada Third');
      await t.http.post('/api/auth/login').send({ email, password: 'first-password' }).expect(401);
      await t.http.post('/api/auth/login').send({ email, password: 'third-password' }).expect(200);
    });
  });

  describe('POST /api/auth/confirm', () => {
    it('answers 201 with tokens and Me for the right code; the code works once', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      const code = await readCode(t, email);
      const res = await t.http.post('/api/auth/confirm').send({ email: email.toUpperCase(), code }).expect(201);
      const body = res.body as AuthResponse;
      expect(body.accessToken).toEqual(expect.any(String));
      expect(body.refreshToken).toEqual(expect.any(String));
      expectMe(body.user, email);
      expect(body.user.role).toBe('user');
      await t.http.get('/api/auth/me').set(bearer(body.accessToken)).expect(200);
      await t.http.post('/api/auth/confirm').send({ email, code }).expect(410);
    });

    it('a wrong code is 400 with attempts left; after 5 wrong codes even the right one is 410', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      const code = await readCode(t, email);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let left = 4; left >= 0; left--) {
        const res = await t.http.post('/api/auth/confirm').send({ email, code: wrong }).expect(400);
        expect(res.body.attemptsLeft).toBe(left);
        expect(res.body.code).toBe('code_invalid');
        expect(String(res.body.message)).toMatch(/code/);
      }
      const dead = await t.http.post('/api/auth/confirm').send({ email, code }).expect(410);
      expect(dead.body).toMatchObject({ statusCode: 410, error: 'Gone', code: 'code_expired' });
    });

    it('an expired code is 410', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      const code = await readCode(t, email);
      await ds.query(`UPDATE registration_codes SET expires_at = now() - interval '1 second' WHERE email = $1`, [
        email,
      ]);
      await t.http.post('/api/auth/confirm').send({ email, code }).expect(410);
    });

    it('an unknown email is 410 and a malformed code is 400 naming the code', async () => {
      await t.http.post('/api/auth/confirm').send({ email: uniqueEmail(), code: '123456' }).expect(410);
      const res = await t.http.post('/api/auth/confirm').send({ email: uniqueEmail(), code: '12ab' }).expect(400);
      expect(res.body.message.join(' ')).toMatch(/code/);
    });

    it('accepts a pasted code with spaces', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      const code = await readCode(t, email);
      await t.http
        .post('/api/auth/confirm')
        .send({ email, code: ` ${code.slice(0, 3)} ${code.slice(3)} ` })
        .expect(201);
    });

    it('gives ADMIN_EMAILS users the admin role on confirm', async () => {
      const u = await registerAndConfirm(t, { email: adminEmail });
      expect(u.user.role).toBe('admin');
      const me = await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(200);
      expect(me.body.role).toBe('admin');
    });
  });

  describe('POST /api/auth/resend-code', () => {
    it('is 429 within 60 s of the last code, then mails a new code that replaces the old one', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      const firstMail = await waitForMail(t, email);
      const first = codeIn(firstMail);
      const soon = await t.http.post('/api/auth/resend-code').send({ email }).expect(429);
      expect(soon.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      await ageCodes(email);
      await t.http.post('/api/auth/resend-code').send({ email }).expect(202);
      const second = await readCode(t, email, { newerThan: firstMail });
      if (first !== second) await t.http.post('/api/auth/confirm').send({ email, code: first }).expect(400);
      await t.http.post('/api/auth/confirm').send({ email, code: second }).expect(201);
    });

    it('answers 202 for an unknown or already confirmed email, and 400 for a bad one', async () => {
      await t.http.post('/api/auth/resend-code').send({ email: uniqueEmail() }).expect(202);
      const u = await createUser(t);
      await t.http.post('/api/auth/resend-code').send({ email: u.email }).expect(202);
      const bad = await t.http.post('/api/auth/resend-code').send({ email: 'x' }).expect(400);
      expect(bad.body.message.join(' ')).toMatch(/email/);
    });
  });

  describe('POST /api/auth/login', () => {
    it('answers 200 with tokens and Me, email case-insensitively', async () => {
      const u = await createUser(t);
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: ` ${u.email.toUpperCase()}`, password: DEFAULT_PASSWORD })
        .expect(200);
      expectMe(res.body.user, u.email);
      await t.http.get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
    });

    it('answers 401 for a wrong password or an unknown email, with the same message', async () => {
      const u = await createUser(t);
      const wrong = await t.http
        .post('/api/auth/login')
        .send({ email: u.email, password: 'wrong-password' })
        .expect(401);
      const unknown = await t.http
        .post('/api/auth/login')
        .send({ email: uniqueEmail(), password: 'wrong-password' })
        .expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('answers 403 email_unconfirmed for an unconfirmed account (right password only)', async () => {
      const email = uniqueEmail();
      await register(email).expect(202);
      await t.http.post('/api/auth/login').send({ email, password: 'wrong-password' }).expect(401);
      const res = await t.http.post('/api/auth/login').send({ email, password: DEFAULT_PASSWORD }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'email_unconfirmed' });
    });

    it('answers 403 banned for a banned account', async () => {
      const u = await createUser(t);
      await ds.query(`UPDATE users SET banned = true WHERE id = $1`, [u.user.id]);
      const res = await t.http.post('/api/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'banned' });
      await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(401);
    });

    it('gives ADMIN_EMAILS users the admin role on login', async () => {
      const u = await createUser(t, { email: loginAdminEmail });
      expect(u.user.role).toBe('user');
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: loginAdminEmail, password: DEFAULT_PASSWORD })
        .expect(200);
      expect(res.body.user.role).toBe('admin');
    });

    it('rejects a missing password with 400 naming it', async () => {
      const res = await t.http.post('/api/auth/login').send({ email: uniqueEmail() }).expect(400);
      expect(res.body.message.join(' ')).toMatch(/password/);
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('rotates: a new pair each time, each refresh token works once', async () => {
      const u = await createUser(t);
      const first = await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      expect(Object.keys(first.body).sort()).toEqual(['accessToken', 'refreshToken']);
      expect(first.body.refreshToken).not.toBe(u.refreshToken);
      await t.http.get('/api/auth/me').set(bearer(first.body.accessToken)).expect(200);
      const second = await t.http.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
      await t.http.get('/api/auth/me').set(bearer(second.body.accessToken)).expect(200);
    });

    it('reusing a spent refresh token revokes the whole session: 401, and its newer tokens stop working', async () => {
      const u = await createUser(t);
      const other = await t.http
        .post('/api/auth/login')
        .send({ email: u.email, password: DEFAULT_PASSWORD })
        .expect(200);
      const next = await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      const reuse = await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      expect(reuse.body.message).toMatch(/already used/);
      await t.http.post('/api/auth/refresh').send({ refreshToken: next.body.refreshToken }).expect(401);
      await t.http.get('/api/auth/me').set(bearer(next.body.accessToken)).expect(401);
      await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(401);
      // Another session of the same user is not touched.
      await t.http.get('/api/auth/me').set(bearer(other.body.accessToken)).expect(200);
      await t.http.post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
    });

    it('answers 401 for an unknown token and 400 for a missing one', async () => {
      await t.http.post('/api/auth/refresh').send({ refreshToken: 'not-a-real-token-at-all-0123456789' }).expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: '!!' }).expect(401);
      const res = await t.http.post('/api/auth/refresh').send({}).expect(400);
      expect(res.body.message.join(' ')).toMatch(/refreshToken/);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('answers 204; the session refresh token and access token stop working', async () => {
      const u = await createUser(t);
      await t.http.post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
      await t.http.post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(401);
      // Idempotent, and unknown tokens are ignored.
      await t.http.post('/api/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
      await t.http.post('/api/auth/logout').send({ refreshToken: 'unknown-token-0123456789abcdef' }).expect(204);
    });
  });

  describe('GET /api/auth/me', () => {
    it('answers 200 Me for the caller', async () => {
      const u = await createUser(t, { language: 'uk', firstName: 'Ada', lastName: 'Lovelace' });
      const res = await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(200);
      expect(res.body).toMatchObject({
        id: u.user.id,
        email: u.email,
        language: 'uk',
        firstName: 'Ada',
        lastName: 'Lovelace',
        role: 'user',
      });
    });

    it('answers 401 without a token, with a bad one, or with an expired one', async () => {
      await t.http.get('/api/auth/me').expect(401);
      await t.http.get('/api/auth/me').set(bearer('garbage')).expect(401);
      const u = await createUser(t);
      const expired = t.app.get((await import('@nestjs/jwt')).JwtService).sign(
        { sub: u.user.id, sid: '00000000-0000-0000-0000-000000000000', role: 'user' },
        {
          secret: t.config.jwt.accessSecret,
          expiresIn: -10,
        },
      );
      await t.http.get('/api/auth/me').set(bearer(expired)).expect(401);
    });
  });

  describe('password forgot / reset', () => {
    it('forgot answers 202 for an unknown address and mails nothing', async () => {
      const email = uniqueEmail();
      await t.http.post('/api/auth/password/forgot').send({ email }).expect(202);
      const res = await t.http.get('/api/dev/outbox').query({ to: email }).expect(200);
      expect(res.body).toEqual([]);
    });

    it('reset with the mailed code sets the password and revokes every session', async () => {
      const u = await createUser(t);
      const second = await t.http
        .post('/api/auth/login')
        .send({ email: u.email, password: DEFAULT_PASSWORD })
        .expect(200);
      await t.http.post('/api/auth/password/forgot').send({ email: u.email }).expect(202);
      const mail = await waitForMail(t, u.email, { subject: /password reset/ });
      const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1] as string;
      const wrong = code === '000000' ? '111111' : '000000';
      const bad = await t.http
        .post('/api/auth/password/reset')
        .send({ email: u.email, code: wrong, newPassword: 'brand-new-password' })
        .expect(400);
      expect(bad.body.attemptsLeft).toBe(4);
      const short = await t.http
        .post('/api/auth/password/reset')
        .send({ email: u.email, code, newPassword: 'short' })
        .expect(400);
      expect(short.body.message.join(' ')).toMatch(/newPassword/);
      await t.http
        .post('/api/auth/password/reset')
        .send({ email: u.email, code, newPassword: 'brand-new-password' })
        .expect(204);
      for (const s of [u, second.body as AuthResponse]) {
        await t.http.get('/api/auth/me').set(bearer(s.accessToken)).expect(401);
        await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      }
      await t.http.post('/api/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD }).expect(401);
      await t.http.post('/api/auth/login').send({ email: u.email, password: 'brand-new-password' }).expect(200);
      // The code was used up.
      await t.http
        .post('/api/auth/password/reset')
        .send({ email: u.email, code, newPassword: 'another-password' })
        .expect(410);
    });

    it('reset without a live code is 410', async () => {
      const u = await createUser(t);
      await t.http
        .post('/api/auth/password/reset')
        .send({ email: u.email, code: '123456', newPassword: 'brand-new-password' })
        .expect(410);
      await t.http
        .post('/api/auth/password/reset')
        .send({ email: uniqueEmail(), code: '123456', newPassword: 'brand-new-password' })
        .expect(410);
    });
  });

  describe('POST /api/auth/password/change', () => {
    it('answers 403 for a wrong current password and 204 otherwise; other sessions end, this one stays', async () => {
      const u = await createUser(t);
      const other = await t.http
        .post('/api/auth/login')
        .send({ email: u.email, password: DEFAULT_PASSWORD })
        .expect(200);
      await t.http
        .post('/api/auth/password/change')
        .set(bearer(u.accessToken))
        .send({ currentPassword: 'not-the-password', newPassword: 'changed-password' })
        .expect(403);
      await t.http
        .post('/api/auth/password/change')
        .set(bearer(u.accessToken))
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'changed-password' })
        .expect(204);
      await t.http.get('/api/auth/me').set(bearer(u.accessToken)).expect(200);
      await t.http.get('/api/auth/me').set(bearer(other.body.accessToken)).expect(401);
      await t.http.post('/api/auth/login').send({ email: u.email, password: 'changed-password' }).expect(200);
    });

    it('answers 401 without a token and 400 for a short new password', async () => {
      await t.http
        .post('/api/auth/password/change')
        .send({ currentPassword: 'x', newPassword: 'changed-password' })
        .expect(401);
      const u = await createUser(t);
      const res = await t.http
        .post('/api/auth/password/change')
        .set(bearer(u.accessToken))
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(res.body.message.join(' ')).toMatch(/newPassword/);
    });
  });

  describe('email change', () => {
    it('mails a code to the new address; confirming answers Me with the new email', async () => {
      const u = await createUser(t);
      const newEmail = uniqueEmail('moved');
      const res = await t.http
        .post('/api/auth/email/change')
        .set(bearer(u.accessToken))
        .send({ newEmail, password: DEFAULT_PASSWORD })
        .expect(202);
      expect(res.body.email).toBe(newEmail);
      const mail = await waitForMail(t, newEmail);
      expect(mail.subject).toMatch(/new World IT email/);
      const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1] as string;
      // Within the cooldown another code to that address is refused.
      await t.http
        .post('/api/auth/email/change')
        .set(bearer(u.accessToken))
        .send({ newEmail, password: DEFAULT_PASSWORD })
        .expect(429);
      const wrong = code === '000000' ? '111111' : '000000';
      const bad = await t.http
        .post('/api/auth/email/confirm')
        .set(bearer(u.accessToken))
        .send({ code: wrong })
        .expect(400);
      expect(bad.body.attemptsLeft).toBe(4);
      const me = await t.http.post('/api/auth/email/confirm').set(bearer(u.accessToken)).send({ code }).expect(200);
      expect(me.body.email).toBe(newEmail);
      expect(me.body.id).toBe(u.user.id);
      await t.http.post('/api/auth/login').send({ email: newEmail, password: DEFAULT_PASSWORD }).expect(200);
      await t.http.post('/api/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD }).expect(401);
      await t.http.post('/api/auth/email/confirm').set(bearer(u.accessToken)).send({ code }).expect(410);
    });

    it('answers 409 for a taken address, 403 for a wrong password, 401 without a token', async () => {
      const u = await createUser(t);
      const taken = await createUser(t);
      await t.http
        .post('/api/auth/email/change')
        .set(bearer(u.accessToken))
        .send({ newEmail: taken.email.toUpperCase(), password: DEFAULT_PASSWORD })
        .expect(409);
      await t.http
        .post('/api/auth/email/change')
        .set(bearer(u.accessToken))
        .send({ newEmail: uniqueEmail(), password: 'wrong-password' })
        .expect(403);
      await t.http
        .post('/api/auth/email/change')
        .send({ newEmail: uniqueEmail(), password: DEFAULT_PASSWORD })
        .expect(401);
      const bad = await t.http
        .post('/api/auth/email/change')
        .set(bearer(u.accessToken))
        .send({ newEmail: 'nope', password: 'x' })
        .expect(400);
      expect(bad.body.message.join(' ')).toMatch(/newEmail/);
    });

    it('confirming without a pending change is 410', async () => {
      const u = await createUser(t);
      await t.http.post('/api/auth/email/confirm').set(bearer(u.accessToken)).send({ code: '123456' }).expect(410);
    });
  });

  it('documents every auth route in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    for (const path of [
      'register',
      'confirm',
      'resend-code',
      'login',
      'refresh',
      'logout',
      'me',
      'password/forgot',
      'password/reset',
      'password/change',
      'email/change',
      'email/confirm',
    ]) {
      expect(doc.body.paths[`/api/auth/${path}`]).toBeDefined();
    }
  });
});
