import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE } from '@world-it/contracts';
import openapi from '../../openapi.json';
import { ApiProcess, PASSWORD, signedInUser } from './support/api-process';

jest.setTimeout(600_000);

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  format?: string;
  allOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  params: Array<{ name: string; in: 'path' | 'query' }>;
  json: Schema | null;
  multipart: boolean;
}

const RUNS_PER_ROUTE = Number(process.env.RESILIENCE_RUNS ?? 15);
const SEED = Number(process.env.RESILIENCE_SEED ?? Date.now() % 2 ** 31);

const spec = openapi as unknown as {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length) return resolve(schema.allOf[0]);
  return schema;
}

const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query') as Operation['params'],
    json: op.requestBody?.content['application/json']
      ? resolve(op.requestBody.content['application/json'].schema)
      : null,
    multipart: Boolean(op.requestBody?.content['multipart/form-data']),
  })),
);

/** Strings that broke or could break something: control and NUL characters, lone surrogates, injections, sizes. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x\ud800y',
  '\udfff',
  '\u202e\u0007',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../etc/passwd',
  'a'.repeat(100_000),
  '🙂'.repeat(5000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
);
const anyString = fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.uuid());
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyString, { maxLength: 12 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant(Array.from({ length: 200 }, () => 'x')),
);

/** A value for a schema: mostly of the right shape, often not. */
function valueFor(schema: Schema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const wrong = anyValue;
  let right: fc.Arbitrary<unknown>;
  if (s.enum) right = fc.constantFrom(...s.enum);
  else if (s.type === 'string' && s.format === 'uuid') right = fc.oneof(ids, fc.uuid());
  else if (s.type === 'string') right = fc.oneof(fc.string({ maxLength: 60 }), nasty);
  else if (s.type === 'integer' || s.type === 'number')
    right = fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double());
  else if (s.type === 'boolean') right = fc.boolean();
  else if (s.type === 'array') right = fc.array(valueFor(s.items ?? {}, ids, depth + 1), { maxLength: 12 });
  else if (s.type === 'object' && s.properties && depth < 3) right = bodyFor(s, ids, depth + 1);
  else right = anyValue;
  return fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

function bodyFor(schema: Schema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const props = Object.entries(resolve(schema).properties ?? {});
  const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, valueFor(v, ids, depth)])), {
    requiredKeys: [],
  });
  return fc.oneof(
    { weight: 6, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, fc.string({ minLength: 1, maxLength: 12 }), anyValue)
        .map(([r, k, v]) => ({ ...(r as object), [k]: v })),
    },
    { weight: 1, arbitrary: anyValue },
  );
}

/** Raw bodies a JSON parser must refuse or bound: truncated, nested 5,000 deep, wrong types. */
const rawBodies = fc
  .constantFrom(
    '{"title":',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '"just a string"',
    'null',
    '\u0000',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
  )
  .map((raw) => ({ raw }));
const isRaw = (b: unknown): b is { raw: string } =>
  typeof b === 'object' &&
  b !== null &&
  Object.keys(b).length === 1 &&
  typeof (b as { raw?: unknown }).raw === 'string';

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as (invalid) UTF-8 bytes
  }
}

describe('resilience: fuzzed requests over every route of the OpenAPI document, and malformed socket events', () => {
  let api: ApiProcess;
  const statuses = new Map<number, number>();
  const fiveHundreds: string[] = [];

  beforeAll(async () => {
    // Info-level logs (every request) are captured, so the secrets check below sees what an operator would.
    api = await ApiProcess.start({
      RATE_LIMIT_AUTH: '1000000',
      RATE_LIMIT_SOCKET_MESSAGES: '1000000',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await api?.kill('SIGTERM');
  });

  it('never answers 5xx nor stops answering, whatever the request', async () => {
    const me = await signedInUser(api);
    const admin = await signedInUser(api, 'admin');
    const other = await signedInUser(api);
    const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      const res = await fetch(`${api.url}${path}`, { ...init, headers });
      return { status: res.status, body: (await res.text()) || '{}' };
    };
    const json = async (path: string, method: string, body: unknown, token = me.accessToken) =>
      JSON.parse(
        (
          await call(path, {
            method,
            token,
            body: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          })
        ).body,
      ) as { id: string };
    // Real things to aim at, so the fuzz reaches the handlers and not only the 404s.
    const post = await json('/api/posts', 'POST', { title: 'fuzz target', tags: ['fuzz'] });
    const comment = await json(`/api/posts/${post.id}/comments`, 'POST', { content: 'c' });
    const room = await json('/api/chats/groups', 'POST', { name: 'fuzz room', memberIds: [other.user.id] });
    const album = await json('/api/albums', 'POST', { name: 'fuzz album' });
    // Not my own id: an admin request banning me would end the session the fuzz runs on.
    const ids = fc.constantFrom(post.id, comment.id, room.id, album.id, other.user.id);

    const request = (op: Operation) =>
      fc.record({
        who: fc.constantFrom('me', 'me', 'me', 'admin', 'nobody', 'garbage'),
        path: fc.tuple(
          ...op.params
            .filter((p) => p.in === 'path')
            .map(() => fc.oneof({ weight: 4, arbitrary: ids }, fc.uuid(), anyString)),
        ),
        query: fc.tuple(
          ...op.params
            .filter((p) => p.in === 'query')
            .map((p) =>
              fc
                .option(fc.oneof(anyString, fc.integer().map(String)), { nil: undefined })
                .map((v) => [p.name, v] as const),
            ),
        ),
        extraQuery: fc.option(fc.tuple(fc.string({ maxLength: 8 }), anyString), { nil: undefined }),
        body: op.json
          ? fc.oneof({ weight: 8, arbitrary: bodyFor(op.json, ids) }, { weight: 1, arbitrary: rawBodies })
          : fc.constant(undefined),
        file: fc.uint8Array({ maxLength: 2048 }),
        fileField: fc.constantFrom('file', 'file', 'image', ''),
      });

    let total = 0;
    for (const op of operations) {
      if (op.path === '/api/auth/logout' || op.path === '/api/auth/password/change') continue; // would end this session
      await fc.assert(
        fc.asyncProperty(request(op), async (r) => {
          let i = 0;
          let path = op.path.replace(/\{[^}]+\}/g, () => encodeSegment(String(r.path[i++])));
          const qs = [...r.query, ...(r.extraQuery ? [r.extraQuery] : [])]
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(String(v))}`);
          if (qs.length) path += `?${qs.join('&')}`;
          const token = { me: me.accessToken, admin: admin.accessToken, nobody: undefined, garbage: 'x.y.z' }[r.who];
          let init: RequestInit & { token?: string } = { method: op.method, token };
          if (op.multipart) {
            const form = new FormData();
            if (r.fileField) form.append(r.fileField, new Blob([r.file]), 'fuzz.png');
            init = { ...init, body: form };
          } else if (op.json) {
            const raw = isRaw(r.body) ? r.body.raw : JSON.stringify(r.body ?? null);
            init = { ...init, body: raw, headers: { 'content-type': 'application/json' } };
          }
          let res: { status: number; body: string };
          try {
            res = await call(path, init);
          } catch (err) {
            // Node refuses a request head over 16 KB (431) and may close the socket before the client
            // has read the answer: that is the transport protecting the server, not an error of ours,
            // as long as the request was that large and the server still answers.
            if (path.length <= 16_000) throw err;
            expect((await call('/api/health')).status).toBe(200);
            res = { status: 431, body: '{}' };
          }
          total++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            fiveHundreds.push(`${op.method} ${path.slice(0, 200)} → ${res.status} ${res.body.slice(0, 200)}`);
          return res.status < 500;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }
    const health = await call('/api/health');
    console.log(
      `fuzz (seed ${SEED}): ${total} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(fiveHundreds).toEqual([]);
    expect(health.status).toBe(200);
    expect(api.alive).toBe(true);

    // Secrets: after logins, a refresh and thousands of requests carrying them, none is in the logs. (A
    // fresh account for the refresh: the fuzz may have banned `other`, whose id it aims at.)
    const fresh = await signedInUser(api);
    const refreshed = await call('/api/auth/refresh', {
      method: 'POST',
      body: JSON.stringify({ refreshToken: fresh.refreshToken }),
      headers: { 'content-type': 'application/json' },
    });
    expect(refreshed.status).toBe(200);
    const logs = api.output();
    expect(logs.length).toBeGreaterThan(10_000); // the requests really were logged
    const secrets = {
      PASSWORD,
      ...Object.fromEntries(
        [me, admin, other, fresh].flatMap((u, i) => [
          [`access${i}`, u.accessToken],
          [`refresh${i}`, u.refreshToken],
        ]),
      ),
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => logs.includes(secret))
      .map(([name]) => name);
    console.log(
      `secrets: ${Object.keys(secrets).length} checked against ${logs.length} characters of API logs, ${leaked.length} found`,
    );
    expect(leaked).toEqual([]);
  });

  it('acknowledges every malformed socket event with an error, and the socket keeps working', async () => {
    const me = await signedInUser(api);
    const socket: Socket = io(`${api.url}${CHAT_NAMESPACE}`, {
      auth: { token: me.accessToken },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const events = fc.constantFrom(
      'message:send',
      'message:edit',
      'message:delete',
      'read',
      'typing',
      'room:watch',
      'room:unwatch',
      'no:such:event',
    );
    const acks = new Map<string, number>();
    let sent = 0;
    try {
      await fc.assert(
        fc.asyncProperty(events, anyValue, async (event, payload) => {
          const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          sent++;
          const key = ack.ok ? 'ok' : (ack.error?.code ?? 'no code');
          acks.set(key, (acks.get(key) ?? 0) + 1);
          return typeof ack.ok === 'boolean' && (ack.ok || typeof ack.error?.code === 'string');
        }),
        { numRuns: RUNS_PER_ROUTE * 25, seed: SEED },
      );
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
    console.log(`socket fuzz (seed ${SEED}): ${sent} events; acks ${JSON.stringify(Object.fromEntries(acks))}`);
    expect(api.alive).toBe(true);
  });
});
