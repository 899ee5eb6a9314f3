import { AUTH_EMAIL_LIMIT } from '../../src/auth/auth-throttler';
import { createUser, uniqueEmail } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { currentRun } from '../utils/test-env';

describe('Auth rate limits (429 in the contract error shape)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Counters live in Redis under the queue prefix: a prefix of its own keeps other test files out of them.
    t = await createTestApp({ env: { RATE_LIMIT_AUTH: '3', QUEUE_PREFIX: `${currentRun().queuePrefix}-throttle` } });
  });
  afterAll(() => t.close());

  it('limits each auth route per IP to RATE_LIMIT_AUTH requests a minute', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/auth/login').send({ email: uniqueEmail(), password: 'wrong-password' }).expect(401);
    }
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: uniqueEmail(), password: 'wrong-password' })
      .expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      message: expect.stringMatching(/too many requests/i),
      error: 'Too Many Requests',
    });
    expect(res.headers['retry-after-ip']).toBeDefined();
    // The standard header too, in whole seconds, no shorter than the throttler's own wait.
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(Number(res.headers['retry-after-ip']));
    // Another route has its own counter.
    await t.http.post('/api/auth/password/forgot').send({ email: uniqueEmail() }).expect(202);
    // /me is not limited.
    for (let i = 0; i < 5; i++) await t.http.get('/api/auth/me').expect(401);
  });
});

describe('Auth rate limits per email', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `${currentRun().queuePrefix}-throttle-email` } });
  });
  afterAll(() => t.close());

  it(`allows ${AUTH_EMAIL_LIMIT} attempts per email per route in 15 minutes (≥ 10), then 429; other emails are unaffected`, async () => {
    expect(AUTH_EMAIL_LIMIT).toBeGreaterThanOrEqual(10);
    const email = uniqueEmail('target');
    for (let i = 0; i < AUTH_EMAIL_LIMIT; i++) {
      await t.http
        .post('/api/auth/confirm')
        .send({ email: i % 2 ? email : email.toUpperCase(), code: '123456' })
        .expect(410);
    }
    const limited = await t.http.post('/api/auth/confirm').send({ email, code: '123456' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/api/auth/confirm').send({ email: uniqueEmail(), code: '123456' }).expect(410);
  });
});

describe('Resend cooldown (429 with Retry-After)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `${currentRun().queuePrefix}-throttle-resend` } });
  });
  afterAll(() => t.close());

  it('answers a second resend within a minute 429 resend_cooldown with Retry-After ≤ 60 s', async () => {
    const email = uniqueEmail('resend');
    await t.http
      .post('/api/auth/register')
      .send({ email, password: 'correct-horse-battery', displayName: 'R' })
      .expect(202);
    const res = await t.http.post('/api/auth/resend-code').send({ email }).expect(429);
    expect(res.body.code).toBe('resend_cooldown');
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
  });
});

describe('Login limits do not lock the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A large per-IP allowance: this checks the per-email limit alone. The test app trusts loopback
    // proxies, so X-Forwarded-For stands for different client addresses.
    t = await createTestApp({
      env: { RATE_LIMIT_AUTH: '1000', QUEUE_PREFIX: `${currentRun().queuePrefix}-throttle-owner` },
    });
  });
  afterAll(() => t.close());

  it('an attacker hammering one address gets 429; the owner from another IP still signs in', async () => {
    const owner = await createUser(t);
    const attacker = '203.0.113.7';
    for (let i = 0; i < AUTH_EMAIL_LIMIT; i++) {
      await t.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', attacker)
        .send({ email: owner.email, password: 'wrong-password' })
        .expect(401);
    }
    const blocked = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', attacker)
      .send({ email: owner.email, password: owner.password })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ email: owner.email, password: owner.password })
      .expect(200);
  });
});
