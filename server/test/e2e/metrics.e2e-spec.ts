import { randomUUID } from 'node:crypto';
import { JOB_QUEUE, type Room } from '@world-it/contracts';
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';
import { bearer, createUser } from '../factories/users';
import { chatSockets } from '../utils/chat-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { poll } from '../utils/poll';

const METRICS_TOKEN = 'e2e-metrics-token-Qw8Er4Ty2Ui6Op0As3Df7';

type Exposition = Map<string, PrometheusFamily>;

async function scrape(t: TestApp, headers: Record<string, string> = {}): Promise<Exposition> {
  const res = await t.http.get('/api/metrics').set(headers).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return parseExposition(res.text);
}

/**
 * Every family by name. parse-prometheus-text-format folds a labelled histogram into one sample
 * without labels (its flattenMetrics keeps only `le`, and drops labelled `_sum`/`_count`), so the
 * histogram's series are parsed a second time as the plain samples they are, with that family's TYPE
 * line left out: `<name>_bucket`, `<name>_sum` and `<name>_count` then come back with every label.
 */
function parseExposition(text: string): Exposition {
  const families: Exposition = new Map();
  const add = (f: PrometheusFamily): void => {
    const seen = families.get(f.name);
    if (seen) seen.metrics.push(...f.metrics);
    else families.set(f.name, f);
  };
  for (const f of parsePrometheusTextFormat(text)) add(f);
  const histograms = [...families.values()].filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  const untyped = text
    .split('\n')
    .filter((line) => !histograms.some((h) => line === `# TYPE ${h} histogram`))
    .join('\n');
  for (const f of parsePrometheusTextFormat(untyped)) {
    if (histograms.some((h) => f.name.startsWith(`${h}_`))) add(f);
  }
  return families;
}

function family(e: Exposition, name: string): PrometheusFamily {
  const f = e.get(name);
  if (!f) throw new Error(`no metric ${name} in the exposition`);
  return f;
}

/** The one sample whose labels include all of `labels` (undefined: none). */
function sample(e: Exposition, name: string, labels: Record<string, string> = {}): PrometheusSample | undefined {
  return family(e, name).metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

const value = (e: Exposition, name: string, labels?: Record<string, string>): number =>
  Number(sample(e, name, labels)?.value ?? 0);
const requestCount = (e: Exposition, labels: Record<string, string>): number =>
  value(e, 'http_request_duration_seconds_count', labels);

describe('Prometheus metrics (/api/metrics)', () => {
  let t: TestApp;
  const chat = chatSockets();
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts requests by route pattern, sockets, messages stored and delivered, queue jobs and the process', async () => {
    const [a, b] = [await createUser(t), await createUser(t)];
    const room = (await t.http.post('/api/chats/direct').set(bearer(a.accessToken)).send({ userId: b.user.id }))
      .body as Room;
    const before = await scrape(t);

    const missing = randomUUID();
    await t.http.get(`/api/posts/${missing}`).set(bearer(a.accessToken)).expect(404);
    await t.http.get(`/api/posts/${missing}`).set(bearer(b.accessToken)).expect(404);
    await t.http.get('/api/no-such-route').expect(404);
    await t.http.get('/api/auth/me').expect(401);

    const [ca, cb] = [await chat.connect(t.url, a.accessToken), await chat.connect(t.url, b.accessToken)];
    const ack = await ca.request('message:send', { roomId: room.id, content: 'counted', clientId: 'metrics-1' });
    expect(ack.ok).toBe(true);
    await cb.next('message:new', (m) => m.id === ack.message.id);
    // A resend of the same clientId stores and delivers nothing new.
    const again = await ca.request('message:send', { roomId: room.id, content: 'counted', clientId: 'metrics-1' });
    expect(again.message.id).toBe(ack.message.id);
    // One over REST as well, delivered to b's socket like any other.
    const rest = await t.http
      .post(`/api/chats/${room.id}/messages`)
      .set(bearer(b.accessToken))
      .send({ content: 'by rest' })
      .expect(201);
    await ca.next('message:new', (m) => m.id === (rest.body as { id: string }).id);

    const after = await scrape(t);
    const delta = (name: string) => value(after, name) - value(before, name);

    // The route pattern, never the raw URL; each request once, with its status.
    const posts = { method: 'GET', route: '/api/posts/:id', status: '404' };
    expect(requestCount(after, posts) - requestCount(before, posts)).toBe(2);
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    expect(requestCount(after, unmatched) - requestCount(before, unmatched)).toBe(1);
    const me = { method: 'GET', route: '/api/auth/me', status: '401' };
    expect(requestCount(after, me) - requestCount(before, me)).toBe(1);
    const messages = { method: 'POST', route: '/api/chats/:id/messages', status: '201' };
    expect(requestCount(after, messages) - requestCount(before, messages)).toBe(1);
    expect(family(after, 'http_request_duration_seconds').type).toBe('HISTOGRAM');
    const routes = family(after, 'http_request_duration_seconds_count').metrics.map((m) => m.labels?.route ?? '');
    expect(routes.some((r) => r.includes(missing) || r.includes('no-such-route'))).toBe(false);
    expect(routes).not.toContain('/api/metrics');
    expect(value(after, 'http_request_duration_seconds_bucket', { ...posts, le: '+Inf' })).toBe(
      requestCount(after, posts),
    );
    expect(value(after, 'http_request_duration_seconds_sum', posts)).toBeGreaterThan(0);

    expect(delta('chat_messages_stored_total')).toBe(2);
    // a's message reached b's socket, b's reached a's; the author's own sockets are not deliveries.
    expect(delta('chat_messages_delivered_total')).toBe(2);
    expect(family(after, 'socket_connections').type).toBe('GAUGE');
    expect(delta('socket_connections')).toBe(2);

    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
      const s = sample(after, 'queue_jobs', { queue: JOB_QUEUE, state });
      expect(s).toBeDefined();
      expect(Number(s!.value)).toBeGreaterThanOrEqual(0);
    }
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(after.has(name)).toBe(true);
    }

    ca.close();
    cb.close();
    await poll(
      async () => value(await scrape(t), 'socket_connections') === value(before, 'socket_connections'),
      'socket_connections back to where it was',
    );
  });

  it('answers loopback clients only when no METRICS_TOKEN is set; a request through a proxy is refused', async () => {
    await t.http.get('/api/metrics').expect(200);
    await t.http.get('/api/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
    await t.http.get('/api/metrics').set('X-Real-IP', '203.0.113.7').expect(403);
  });

  describe('with METRICS_TOKEN', () => {
    let secured: TestApp;
    beforeAll(async () => {
      secured = await createTestApp({ env: { METRICS_TOKEN } });
    });
    afterAll(() => secured.close());

    it('demands the bearer token (401 without it or with a wrong one), from loopback too', async () => {
      const res = await secured.http.get('/api/metrics').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401 });
      await secured.http.get('/api/metrics').set(bearer('wrong-token')).expect(401);
      await secured.http
        .get('/api/metrics')
        .set(bearer(`${METRICS_TOKEN}x`))
        .expect(401);
      const e = await scrape(secured, { ...bearer(METRICS_TOKEN), 'X-Forwarded-For': '203.0.113.7' });
      expect(e.has('http_request_duration_seconds')).toBe(true);
    });
  });
});
