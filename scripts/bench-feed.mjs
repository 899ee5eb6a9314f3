// The `feed` part of `npm run bench` (issue #9, "a feed that stays fast"): seeds BENCH_FEED_POSTS
// (1,000,000) posts by BENCH_FEED_USERS (50,000) people straight in PostgreSQL, with power-law
// friendships (about 70 friends on average, a few dozen people with 1,000+), a quarter of the posts
// friends-only, blocks, tags and likes; then times GET /api/posts?scope=feed and ?scope=all, the first
// page and page 20 (reached by following nextCursor), for typical viewers (median friend count) and
// heavy ones (1,000+ friends):
//   - latency one request at a time (BENCH_FEED_ITER, 200, p50/p95/p99): target p99 ≤ 25 ms;
//   - req/s and latency under BENCH_FEED_CONNECTIONS (8) keep-alive connections, BENCH_FEED_ROUNDS (3)
//     rounds of BENCH_FEED_SECONDS (3) taking turns with a bare Express route in its own process serving
//     the very same captured pages from memory (scripts/bench-feed-bare.mjs), same loader, same run:
//     target ≥ 30 % of its req/s.
// Both series are interleaved (request by request, round by round) so that the shared machine's other
// work falls on them alike.
// The loader sends no Accept-Encoding, so neither side compresses. Results: test-results/bench-feed.json
// and test-results/bench-feed.md; EXPLAIN (ANALYZE, BUFFERS) of the posts queries the API ran (read from
// the PostgreSQL log, BENCH_PG_LOG) in both.
// `node scripts/bench-feed.mjs seed DATABASE_URL` seeds an already migrated database and prints the counts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { hash } = require('@node-rs/argon2');

const ROOT = new URL('..', import.meta.url).pathname;
export const FEED_USERS = Number(process.env.BENCH_FEED_USERS ?? 50_000);
export const FEED_POSTS = Number(process.env.BENCH_FEED_POSTS ?? 1_000_000);
const LOAD = {
  connections: Number(process.env.BENCH_FEED_CONNECTIONS ?? 8),
  seconds: Number(process.env.BENCH_FEED_SECONDS ?? 3),
  rounds: Number(process.env.BENCH_FEED_ROUNDS ?? 3),
};
const ITER = Number(process.env.BENCH_FEED_ITER ?? 200);
const PG_LOG = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const PASSWORD = 'bench-feed-password-1';
const DEEP_PAGE = 20;
const TYPICAL_VIEWERS = 20;
const HEAVY_VIEWERS = 5;
const HEAVY_MIN_FRIENDS = 1000;
export const FEED_TARGETS = { p99Ms: 25, bareRatio: 0.3 };
/**
 * Tables the seeder bulk-loads: their indexes, and the primary keys and unique constraints no foreign key
 * depends on, are dropped around the load and rebuilt after (one sorted build instead of a million
 * random B-tree inserts).
 */
const LOADED = ['users', 'friendships', 'blocks', 'posts', 'tags', 'post_tags', 'post_likes'];

const WORDS =
  'design rust typescript angular postgres kubernetes linux security startup career remote testing devops cloud data ml ai frontend backend mobile ux open-source hiring interview architecture performance networking databases golang python java kotlin swift react node graphql rest api docker git cpp embedded hardware gamedev blockchain fintech healthtech edtech product management agile scrum leadership mentoring conference meetup kyiv lviv odesa berlin warsaw lisbon'.split(
    ' ',
  );
const LOREM =
  'Shipped the new release today after a week of chasing a race condition in the connection pool. ' +
  'The fix was two lines; finding it took four days, three flame graphs and a lot of coffee. ' +
  'If you run PostgreSQL behind a pooler, check how your driver handles idle timeouts. ' +
  'Next up: a proper write-up with the graphs, and a talk at the local meetup next month. ' +
  'Anyone else seen p99 jump when the pool recycles connections under load? Curious what you measured. ' +
  'We also moved the CI to ephemeral runners, which cut the queue time from twelve minutes to two. ' +
  'Hiring: two backend engineers, remote friendly, TypeScript and SQL, reach out if that sounds like you. ';

// ---------------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------------

/**
 * Seeds the feed data set into a migrated database. Person i is `feed-i@bench.local` (password
 * PASSWORD); a lower i is more popular: friendship endpoints and post authors are drawn as
 * floor(N · u²) for uniform u, so person i's expected friend count is ≈ 35 / √(i/N) (≥ 35, median
 * ≈ 50, mean ≈ 70, the top few dozen ≥ 1,000) and prolific posters are the popular ones.
 * Returns the counts, the seconds taken and the chosen viewers.
 */
export async function seedFeed(dbUrl, { users = FEED_USERS, posts = FEED_POSTS, log = console.log } = {}) {
  if (users < 100) throw new Error('BENCH_FEED_USERS must be at least 100');
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const t0 = performance.now();
  const step = async (label, sql, params) => {
    const t = performance.now();
    const r = await c.query(sql, params);
    log(`[bench feed] ${label}: ${r.rowCount ?? ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    return r;
  };
  try {
    // A scratch database: skip the per-row foreign-key triggers (the rows are consistent by
    // construction), commit without waiting for the WAL flush, build indexes with room to sort.
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`SET work_mem = '256MB'`);
    await c.query(`SET log_min_duration_statement = -1`);

    const tables = `SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`;
    const constraints = (
      await c.query(
        `SELECT k.conrelid::regclass::text AS "table", quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS def
           FROM pg_constraint k
          WHERE k.contype IN ('p', 'u') AND k.conrelid IN (${tables})
            AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)`,
        [LOADED],
      )
    ).rows;
    const indexes = (
      await c.query(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
           FROM pg_index i
          WHERE i.indrelid IN (${tables})
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        [LOADED],
      )
    ).rows;
    for (const k of constraints) await c.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
    for (const ix of indexes) await c.query(`DROP INDEX ${ix.name}`);
    log(`[bench feed] dropped ${constraints.length} keys and ${indexes.length} indexes for the load`);

    const passwordHash = await hash(PASSWORD, { algorithm: 2 });
    await c.query(`DROP TABLE IF EXISTS bench_feed_users, bench_feed_tags`);
    await c.query(
      `CREATE UNLOGGED TABLE bench_feed_users AS SELECT g AS i, gen_random_uuid() AS id FROM generate_series(0, $1::int - 1) g`,
      [users],
    );
    await c.query(`ALTER TABLE bench_feed_users ADD PRIMARY KEY (i)`);
    await step(
      'users',
      `INSERT INTO users (id, email, password_hash, confirmed, display_name, first_name, last_name, created_at, updated_at)
       SELECT id, 'feed-' || i || '@bench.local', $1, true, 'Feed person ' || i, 'Feed', 'Person ' || i,
              now() - interval '2 years' + make_interval(secs => i), now() - interval '2 years' + make_interval(secs => i)
         FROM bench_feed_users`,
      [passwordHash],
    );

    // Friendship endpoints both skewed: 35·N pairs drawn, self-pairs and repeats dropped.
    await step(
      'friendships',
      `INSERT INTO friendships (user_low, user_high, requester_id, status, created_at, accepted_at)
       SELECT least(a.id, b.id), greatest(a.id, b.id), a.id, 'accepted', e.t, e.t + interval '1 hour'
         FROM (SELECT x, y, now() - make_interval(secs => random() * 700 * 86400) AS t
                 FROM (SELECT least(x, y) AS x, greatest(x, y) AS y
                         FROM (SELECT floor($1 * random() ^ 2)::int AS x, floor($1 * random() ^ 2)::int AS y
                                 FROM generate_series(1, $1::int * 35)) s
                        WHERE x <> y
                        GROUP BY 1, 2) p) e
         JOIN bench_feed_users a ON a.i = e.x
         JOIN bench_feed_users b ON b.i = e.y`,
      [users],
    );

    // Blocks: a fifth of N, anyone blocking someone popular (blocking ends a friendship).
    await step(
      'blocks',
      `INSERT INTO blocks (blocker_id, blocked_id)
       SELECT DISTINCT a.id, b.id
         FROM (SELECT floor($1 * random())::int AS x, floor($1 * random() ^ 2)::int AS y
                 FROM generate_series(1, $1::int / 5)) s
         JOIN bench_feed_users a ON a.i = s.x
         JOIN bench_feed_users b ON b.i = s.y
        WHERE s.x <> s.y`,
      [users],
    );

    // Posts: authors skewed like friendships, one every 365 days / P, oldest inserted first; a quarter
    // friends-only; the like count decided here, the likes themselves below.
    const stepSeconds = (365 * 86400) / posts;
    await step(
      'posts',
      `INSERT INTO posts (author_id, title, content, visibility, likes_count, comments_count, created_at, updated_at)
       SELECT u.id, 'Post ' || s.g || ' about ' || ($4::text[])[1 + s.g % array_length($4::text[], 1)],
              substr($3::text, (1 + (s.g::bigint * 7919) % 300)::int, (60 + (s.g::bigint * 104729) % 560)::int),
              CASE WHEN random() < 0.25 THEN 'friends' ELSE 'public' END,
              floor(random() ^ 4 * 9)::int, 0, s.t, s.t
         FROM (SELECT g, floor($1 * random() ^ 2)::int AS a,
                      now() - make_interval(secs => (g + random()) * $5) AS t
                 FROM generate_series($2::int, 1, -1) g) s
         JOIN bench_feed_users u ON u.i = s.a`,
      [users, posts, LOREM.repeat(2), WORDS, stepSeconds],
    );
    // likes_count likers per post, distinct people (offsets j·7919 mod N differ for j ≤ 8).
    await step(
      'post_likes',
      `INSERT INTO post_likes (post_id, user_id, created_at)
       SELECT p.id, u.id, p.created_at + make_interval(mins => j)
         FROM posts p
         CROSS JOIN LATERAL generate_series(1, p.likes_count) j
         JOIN bench_feed_users u ON u.i = (abs(hashtext(p.id::text)) % $1 + j * 7919) % $1`,
      [users],
    );

    // Tags: word-number names, popularity skewed (floor(T · u³)), 0–3 per post.
    const tagCount = Math.max(50, Math.min(5000, Math.floor(posts / 200)));
    await c.query(
      `CREATE UNLOGGED TABLE bench_feed_tags AS
       SELECT g AS i, gen_random_uuid() AS id, ($2::text[])[1 + g % array_length($2::text[], 1)] || '-' || (g / array_length($2::text[], 1)) AS name
         FROM generate_series(0, $1::int - 1) g`,
      [tagCount, WORDS],
    );
    await c.query(`ALTER TABLE bench_feed_tags ADD PRIMARY KEY (i)`);
    await step('tags', `INSERT INTO tags (id, name) SELECT id, name FROM bench_feed_tags`);
    await step(
      'post_tags',
      `INSERT INTO post_tags (post_id, tag_id, position, post_created_at)
       SELECT s.id, t.id, s.j - 1, s.created_at
         FROM (SELECT id, created_at, ti, min(j) AS j
                 FROM (SELECT p.id, p.created_at, j, floor($1 * random() ^ 3)::int AS ti
                         FROM posts p
                         -- 0–3 tags (mean ≈ 1.1), drawn from the post's id so the count is per post
                         CROSS JOIN LATERAL generate_series(1, floor(((hashtext(p.id::text) & 65535) / 65536.0) ^ 1.5 * 4)::int) j) r
                GROUP BY id, created_at, ti) s
         JOIN bench_feed_tags t ON t.i = s.ti`,
      [tagCount],
    );
    await step(
      'tags.posts_count',
      // As the API counts them: public posts only (autocomplete never reveals a friends-only post's tags).
      `UPDATE tags t SET posts_count = x.n
         FROM (SELECT pt.tag_id, count(*)::int AS n FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                WHERE p.visibility = 'public' GROUP BY pt.tag_id) x
        WHERE t.id = x.tag_id`,
    );

    // Viewers: typical = the friend counts nearest the median; heavy = 1,000+ friends (or the most).
    await c.query(`DROP TABLE IF EXISTS bench_feed_degree`);
    await c.query(
      `CREATE UNLOGGED TABLE bench_feed_degree AS
       SELECT u.i, u.id, count(f.uid)::int AS friends
         FROM bench_feed_users u
         LEFT JOIN (SELECT user_low AS uid FROM friendships UNION ALL SELECT user_high FROM friendships) f ON f.uid = u.id
        GROUP BY u.i, u.id`,
    );
    const median = Number(
      (await c.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY friends) AS m FROM bench_feed_degree`)).rows[0]
        .m,
    );
    const typical = (
      await c.query(`SELECT i FROM bench_feed_degree ORDER BY abs(friends - $1), i LIMIT $2`, [median, TYPICAL_VIEWERS])
    ).rows.map((r) => r.i);
    const heavy = (
      await c.query(
        `SELECT i FROM bench_feed_degree WHERE NOT (i = ANY($3::int[]))
          ORDER BY friends < $1, CASE WHEN friends >= $1 THEN abs(friends - 1500) ELSE -friends END, i LIMIT $2`,
        [HEAVY_MIN_FRIENDS, HEAVY_VIEWERS, typical],
      )
    ).rows.map((r) => r.i);
    // Every viewer blocks three popular people and is blocked by two, so the block filter has work to do.
    await step(
      'viewer blocks',
      `INSERT INTO blocks (blocker_id, blocked_id)
       SELECT DISTINCT x.blocker, x.blocked
         FROM (SELECT CASE WHEN k < 3 THEN v.id ELSE o.id END AS blocker, CASE WHEN k < 3 THEN o.id ELSE v.id END AS blocked
                 FROM unnest($1::int[]) AS vi(i)
                 JOIN bench_feed_users v ON v.i = vi.i
                 CROSS JOIN generate_series(0, 4) k
                 JOIN bench_feed_users o ON o.i = (abs(hashtext(v.id::text)) + k * 37) % 2000 % $2
                WHERE o.id <> v.id) x
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = x.blocker AND b.blocked_id = x.blocked)`,
      [[...typical, ...heavy], users],
    );
    await step(
      'friendships ended by blocks',
      `DELETE FROM friendships f USING blocks b
        WHERE f.user_low = least(b.blocker_id, b.blocked_id) AND f.user_high = greatest(b.blocker_id, b.blocked_id)`,
    );

    for (const k of constraints) {
      const t = performance.now();
      await c.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.def}`);
      log(`[bench feed] ${k.table} ${k.def} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
    for (const ix of indexes) {
      const t = performance.now();
      await c.query(ix.def);
      log(`[bench feed] index ${ix.name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
    await c.query(`SET session_replication_role = origin`);
    for (const table of LOADED) await step(`VACUUM ANALYZE ${table}`, `VACUUM ANALYZE ${table}`);

    const count = async (sql) => Number((await c.query(sql)).rows[0].n);
    const viewerRows = async (list) =>
      (
        await c.query(
          `SELECT vi.i, 'feed-' || vi.i || '@bench.local' AS email,
                  (SELECT count(*)::int FROM friendships f WHERE f.user_low = u.id OR f.user_high = u.id) AS friends
             FROM unnest($1::int[]) WITH ORDINALITY AS vi(i, o) JOIN bench_feed_users u ON u.i = vi.i ORDER BY vi.o`,
          [list],
        )
      ).rows;
    const degrees = (
      await c.query(
        `SELECT avg(friends)::float AS mean, percentile_disc(0.5) WITHIN GROUP (ORDER BY friends) AS median,
                max(friends) AS max, count(*) FILTER (WHERE friends >= $1)::int AS heavy
           FROM (SELECT u.id, count(f.uid)::int AS friends FROM bench_feed_users u
                   LEFT JOIN (SELECT user_low AS uid FROM friendships UNION ALL SELECT user_high FROM friendships) f ON f.uid = u.id
                  GROUP BY u.id) d`,
        [HEAVY_MIN_FRIENDS],
      )
    ).rows[0];
    return {
      seconds: +((performance.now() - t0) / 1000).toFixed(1),
      users,
      posts: await count(`SELECT count(*)::int AS n FROM posts`),
      friendsOnlyPosts: await count(`SELECT count(*)::int AS n FROM posts WHERE visibility = 'friends'`),
      friendships: await count(`SELECT count(*)::int AS n FROM friendships`),
      friendsPerPerson: {
        mean: +Number(degrees.mean).toFixed(1),
        median: Number(degrees.median),
        max: Number(degrees.max),
        [`with ${HEAVY_MIN_FRIENDS}+`]: degrees.heavy,
      },
      blocks: await count(`SELECT count(*)::int AS n FROM blocks`),
      tags: await count(`SELECT count(*)::int AS n FROM tags`),
      postTags: await count(`SELECT count(*)::int AS n FROM post_tags`),
      likes: await count(`SELECT count(*)::int AS n FROM post_likes`),
      viewers: { typical: await viewerRows(typical), heavy: await viewerRows(heavy) },
    };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------------

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x) => +x.toFixed(2);
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), p99: r(q(0.99)), max: r(s[s.length - 1]) };
}

/** One GET over a keep-alive agent; resolves with the body once it is complete, rejects on non-200. */
function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url} → ${res.statusCode} ${body.slice(0, 300)}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * Requests one at a time, cycling through each series, the series interleaved request by request
 * (so a load spike on the shared machine hits them alike): latency as one person sees it.
 */
export async function sequential(seriesList, iterations) {
  const agents = seriesList.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    const samples = seriesList.map(() => []);
    for (let i = -5; i < iterations; i++) {
      for (let s = 0; s < seriesList.length; s++) {
        const r = seriesList[s][(i + 5) % seriesList[s].length];
        const t = performance.now();
        await get(agents[s], r.url, r.headers);
        if (i >= 0) samples[s].push(performance.now() - t); // the first 5 warm up
      }
    }
    return samples.map(stats);
  } finally {
    for (const a of agents) a.destroy();
  }
}

/** `connections` keep-alive connections, each sending its next request as soon as the last answered. */
async function loadRound(requests, connections, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  try {
    let next = 0;
    const samples = [];
    let errors = 0;
    const run = async (until, record) => {
      while (performance.now() < until) {
        const r = requests[next++ % requests.length];
        const t = performance.now();
        try {
          await get(agent, r.url, r.headers);
          if (record) samples.push(performance.now() - t);
        } catch (err) {
          if (record && errors++ === 0) console.error(`[bench feed] ${err.message}`);
        }
      }
    };
    const warm = performance.now() + 500;
    await Promise.all(Array.from({ length: connections }, () => run(warm, false)));
    const start = performance.now();
    await Promise.all(Array.from({ length: connections }, () => run(start + seconds * 1000, true)));
    return { samples, errors, elapsed: (performance.now() - start) / 1000 };
  } finally {
    agent.destroy();
  }
}

/**
 * Each series under `connections` connections for `seconds`, the series taking turns for `rounds`
 * rounds (again so that the machine's other work falls on all of them alike); req/s over all rounds.
 */
export async function loaded(seriesList, { connections, seconds, rounds }) {
  const acc = seriesList.map(() => ({ samples: [], errors: 0, elapsed: 0, rounds: [] }));
  for (let round = 0; round < rounds; round++)
    for (let s = 0; s < seriesList.length; s++) {
      const r = await loadRound(seriesList[s], connections, seconds);
      acc[s].samples.push(...r.samples);
      acc[s].errors += r.errors;
      acc[s].elapsed += r.elapsed;
      acc[s].rounds.push(+(r.samples.length / r.elapsed).toFixed(1));
    }
  return acc.map((a) => ({
    reqPerSec: +(a.samples.length / a.elapsed).toFixed(1),
    rounds: a.rounds,
    errors: a.errors,
    ...stats(a.samples),
  }));
}

// ---------------------------------------------------------------------------------------------------
// The part
// ---------------------------------------------------------------------------------------------------

async function postJson(base, path, body) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Starts the bare baseline on `port` serving `pages`; resolves with a stop function once it listens. */
async function startBare(pages, port, dir) {
  const file = join(dir, 'bench-feed-pages.json');
  writeFileSync(file, JSON.stringify(pages));
  const child = spawn(process.execPath, [join(ROOT, 'scripts/bench-feed-bare.mjs'), file, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare baseline exited (${code})`)));
  });
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
}

/** Log offset now, so only statements logged after it are read back. */
export function logOffset() {
  try {
    return statSync(PG_LOG).size;
  } catch {
    return null;
  }
}

/** Statements (with their parameters) that database `dbName` logged since `offset`, transaction control left out. */
export function loggedStatements(offset, dbName) {
  if (offset === null || !existsSync(PG_LOG)) return [];
  const length = Math.min(statSync(PG_LOG).size - offset, 64 * 1024 * 1024);
  if (length <= 0) return [];
  const buf = Buffer.alloc(length);
  const fd = openSync(PG_LOG, 'r');
  try {
    readSync(fd, buf, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  // Entries begin with the log_line_prefix "%m [%p] %q%u@%d " (Debian's default); continuation lines
  // of a multi-line statement begin with a tab. Other databases' entries interleave: match by pid.
  const entries = buf
    .toString('utf8')
    .split(/\n(?=\d{4}-\d\d-\d\d \d\d:)/)
    .map((text) => {
      const m = /^\S+ \S+ \S+ \[(\d+)\] (?:\S*@(\S+) )?([\s\S]*)$/.exec(text);
      return m ? { pid: m[1], db: m[2], body: m[3] } : null;
    })
    .filter((e) => e && e.db === dbName);
  const out = [];
  // The extended protocol logs parse, bind (where an unnamed statement is planned) and execute apart.
  const setup = new Map();
  entries.forEach((e, i) => {
    const phase = /^LOG: {2}duration: ([\d.]+) ms {2}(?:parse|bind) /.exec(e.body);
    if (phase) {
      setup.set(e.pid, (setup.get(e.pid) ?? 0) + Number(phase[1]));
      return;
    }
    const m = /^LOG: {2}duration: ([\d.]+) ms {2}(?:execute [^:]*|statement): ([\s\S]*)$/.exec(e.body);
    if (!m) return;
    const setupMs = setup.get(e.pid) ?? 0;
    setup.delete(e.pid);
    if (/^(BEGIN|COMMIT|ROLLBACK|SET|SHOW|START TRANSACTION)\b/i.test(m[2].trim())) return;
    const params = [];
    const detail = entries.slice(i + 1).find((x) => x.pid === e.pid);
    const d = detail && /^DETAIL: {2}parameters: ([\s\S]*)$/.exec(detail.body);
    if (d) {
      const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
      let p;
      while ((p = re.exec(d[1]))) params[Number(p[1]) - 1] = p[2] === 'NULL' ? null : p[3].replace(/''/g, "'");
    }
    out.push({ ms: Number(m[1]), parseBindMs: +setupMs.toFixed(3), sql: m[2].replace(/\n\t/g, '\n').trim(), params });
  });
  return out;
}

/**
 * Runs the part. `ctx`: { base, dbUrl, dbName, adminQuery(sql), workDir }.
 * Pushes [label, ok] pairs onto `targets` and sets `results.feed`.
 */
export async function feedBench(ctx, results, targets) {
  const { base, dbUrl, workDir } = ctx;
  const seed = await seedFeed(dbUrl);
  console.log(`[bench feed] seeded in ${seed.seconds} s`);

  const login = async (v) => {
    const r = await postJson(base, '/api/auth/login', { email: v.email, password: PASSWORD });
    return { ...v, token: r.accessToken };
  };
  const viewers = {
    typical: await Promise.all(seed.viewers.typical.map(login)),
    heavy: await Promise.all(seed.viewers.heavy.map(login)),
  };

  // Every (viewer, scope, page) URL and its answer, captured once; the bare route serves the same answers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const pages = [];
  const cells = [];
  for (const scope of ['feed', 'all']) {
    for (const [cls, list] of Object.entries(viewers)) {
      const first = [];
      const deep = [];
      for (const v of list) {
        const headers = { authorization: `Bearer ${v.token}` };
        let url = `${base}/api/posts?scope=${scope}`;
        let body = await get(agent, url, headers);
        first.push({ url, headers, k: pages.push(JSON.parse(body)) - 1 });
        let page = 1;
        let cursor = JSON.parse(body).nextCursor;
        while (page < DEEP_PAGE && cursor) {
          url = `${base}/api/posts?scope=${scope}&cursor=${encodeURIComponent(cursor)}`;
          body = await get(agent, url, headers);
          page++;
          cursor = JSON.parse(body).nextCursor;
        }
        if (page < DEEP_PAGE) console.warn(`[bench feed] ${v.email} ${scope}: only ${page} pages`);
        deep.push({ url, headers, page, k: pages.push(JSON.parse(body)) - 1 });
      }
      cells.push({ scope, viewers: cls, page: 'first', requests: first });
      cells.push({ scope, viewers: cls, page: `deep`, requests: deep });
    }
  }
  const itemsPerPage = pages[0].items.length;
  const bytesPerPage = Math.round(pages.reduce((s, p) => s + JSON.stringify(p).length, 0) / pages.length);
  // References, not targets: what the API reaches beside the same bare route on a route that does
  // almost nothing (the framework's own share), signed in and not.
  for (const path of ['/api/notifications/unread-count', '/api/health']) {
    const requests = [];
    for (const v of viewers.typical) {
      const headers = path === '/api/health' ? {} : { authorization: `Bearer ${v.token}` };
      const body = await get(agent, base + path, headers);
      requests.push({ url: base + path, headers, k: pages.push(JSON.parse(body)) - 1 });
    }
    cells.push({ reference: path, viewers: path === '/api/health' ? 'anyone' : 'typical', page: 'first', requests });
  }
  agent.destroy();

  const barePort = Number(new URL(base).port) + 100;
  const stopBare = await startBare(pages, barePort, workDir);
  const measured = [];
  // The machine is shared: its 1-minute load average before and after says how much it was.
  const machine = { cores: cpus().length, loadBefore: +loadavg()[0].toFixed(1) };
  try {
    for (const cell of cells) {
      const api = cell.requests;
      const bare = api.map((r) => ({ url: `http://127.0.0.1:${barePort}/bare/${r.k}`, headers: {} }));
      const row = {
        ...(cell.reference ? { reference: cell.reference } : { scope: cell.scope }),
        viewers: cell.viewers,
        page: cell.page === 'first' ? 1 : Math.min(...api.map((r) => r.page)),
      };
      const [apiSeq, bareSeq] = await sequential([api, bare], ITER);
      const [apiLoad, bareLoad] = await loaded([api, bare], LOAD);
      row.api = { sequential: apiSeq, loaded: apiLoad };
      row.bare = { sequential: bareSeq, loaded: bareLoad };
      row.ratio = +(row.api.loaded.reqPerSec / row.bare.loaded.reqPerSec).toFixed(3);
      measured.push(row);
      console.log(
        `[bench feed] ${row.reference ?? `scope=${row.scope}`} ${row.viewers} page ${row.page}: p99 ${row.api.sequential.p99} ms, ` +
          `${row.api.loaded.reqPerSec} req/s vs bare ${row.bare.loaded.reqPerSec} (${(row.ratio * 100).toFixed(0)} %)`,
      );
    }
  } finally {
    await stopBare();
  }
  machine.loadAfter = +loadavg()[0].toFixed(1);

  // Every statement one request costs, with real parameters, and the plans of its reads.
  const explain = await explainRequests(ctx, cells);

  const feed = {
    data: { ...seed, viewers: undefined, itemsPerPage, bytesPerPage },
    viewers: Object.fromEntries(
      Object.entries(seed.viewers).map(([k, list]) => [k, list.map(({ email, friends }) => ({ email, friends }))]),
    ),
    load: { ...LOAD, sequentialIterations: ITER },
    machine,
    targets: FEED_TARGETS,
    measured,
    explain,
  };
  // bench.json gets the figures; the statements and plans stay in bench-feed.json / .md.
  results.feed = { ...feed, explain: 'test-results/bench-feed.json' };
  for (const row of measured.filter((r) => !r.reference)) {
    const name = `GET /api/posts?scope=${row.scope} page ${row.page}, ${row.viewers} viewers`;
    targets.push([
      `${name}: p99 ${row.api.sequential.p99} ms ≤ ${FEED_TARGETS.p99Ms} ms`,
      row.api.sequential.p99 <= FEED_TARGETS.p99Ms,
    ]);
    targets.push([
      `${name}: ${row.api.loaded.reqPerSec} req/s = ${(row.ratio * 100).toFixed(0)} % of the bare route's ${row.bare.loaded.reqPerSec} (≥ ${FEED_TARGETS.bareRatio * 100} %)`,
      row.ratio >= FEED_TARGETS.bareRatio && row.api.loaded.errors === 0,
    ]);
  }
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results/bench-feed.json'), JSON.stringify(feed, null, 2));
  writeFileSync(join(ROOT, 'test-results/bench-feed.md'), markdown(feed));
  console.log(markdown({ ...feed, explain: null }));
}

/**
 * The statements one request of each cell costs, with their real parameters, and the plans of its
 * reads: logging of every statement is switched on for the scratch database only (ALTER DATABASE, read
 * by new sessions), a second API process (a fresh pool) answers one request per cell, the log is read
 * back, and each SELECT is run again under EXPLAIN (ANALYZE, BUFFERS).
 */
async function explainRequests(ctx, cells) {
  const { dbUrl, dbName, adminQuery, startApi } = ctx;
  if (logOffset() === null) return { note: `PostgreSQL log ${PG_LOG} not readable (BENCH_PG_LOG): no EXPLAIN` };
  await adminQuery(`ALTER DATABASE ${dbName} SET log_min_duration_statement = 0`);
  const port = Number(new URL(ctx.base).port) + 200;
  const captured = [];
  let stop = null;
  try {
    stop = await startApi(port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const cell of cells) {
        const r = cell.requests[0];
        const url = r.url.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${port}`);
        await get(agent, url, r.headers); // warm: the pool's connections open on first use
        const offset = logOffset();
        await get(agent, url, r.headers);
        let statements = [];
        const done = cell.reference
          ? () => statements.length > 0
          : () => statements.some((st) => /\bposts\b/.test(st.sql));
        for (let i = 0; i < 50 && !done(); i++) {
          await new Promise((res) => setTimeout(res, 100));
          statements = loggedStatements(offset, dbName);
        }
        await new Promise((res) => setTimeout(res, 100)); // the request's last statements
        statements = loggedStatements(offset, dbName);
        captured.push({ cell, statements });
      }
    } finally {
      agent.destroy();
    }
  } finally {
    await adminQuery(`ALTER DATABASE ${dbName} RESET log_min_duration_statement`);
    if (stop) await stop();
  }
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const requests = [];
    for (const { cell, statements } of captured) {
      const label = `${cell.reference ? `${cell.reference} (reference)` : `scope=${cell.scope}`}, ${cell.viewers} viewer, ${cell.page === 'first' ? 'first page' : `page ${cell.requests[0].page}`}`;
      const out = [];
      for (const st of statements) {
        const entry = { ms: st.ms, parseBindMs: st.parseBindMs, sql: st.sql, params: st.params };
        if (/^\s*(SELECT|WITH)\b/i.test(st.sql)) {
          const plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params)).rows
            .map((row) => row['QUERY PLAN'])
            .join('\n');
          entry.executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
          entry.planningMs = Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
          entry.plan = shorten(plan);
        }
        out.push(entry);
      }
      const totalMs = +out.reduce((sum, st) => sum + st.ms + st.parseBindMs, 0).toFixed(3);
      requests.push({ label, totalMs, statements: out });
    }
    return { requests };
  } finally {
    await c.end();
  }
}

/** A long uuid array literal in a plan or a parameter, shortened to its first two and a count. */
const shorten = (text) =>
  String(text).replace(/\{([0-9a-f-]{36})((?:,[0-9a-f-]{36}){3,})\}/g, (_, first, rest) => {
    const more = rest.split(',').slice(1);
    return `{${first},${more[0]},… ${more.length + 1} uuids}`;
  });

function markdown(feed) {
  const d = feed.data;
  const lines = [
    `## Feed benchmark`,
    '',
    `${d.posts.toLocaleString('en')} posts (${d.friendsOnlyPosts.toLocaleString('en')} friends-only) by ${d.users.toLocaleString('en')} people; ` +
      `${d.friendships.toLocaleString('en')} friendships (friends per person: mean ${d.friendsPerPerson.mean}, median ${d.friendsPerPerson.median}, ` +
      `max ${d.friendsPerPerson.max}, ${d.friendsPerPerson[`with ${HEAVY_MIN_FRIENDS}+`]} people with ${HEAVY_MIN_FRIENDS}+); ` +
      `${d.blocks.toLocaleString('en')} blocks; ${d.tags.toLocaleString('en')} tags on ${d.postTags.toLocaleString('en')} post-tag rows; ` +
      `${d.likes.toLocaleString('en')} likes. Seeded in ${d.seconds} s. ${d.itemsPerPage} posts a page, ~${d.bytesPerPage.toLocaleString('en')} bytes of JSON.`,
    '',
    `Viewers: typical ${feed.viewers.typical.length} (friends ${feed.viewers.typical.map((v) => v.friends).join(', ')}), ` +
      `heavy ${feed.viewers.heavy.length} (friends ${feed.viewers.heavy.map((v) => v.friends).join(', ')}). ` +
      `Sequential: ${feed.load.sequentialIterations} requests one at a time; loaded: ${feed.load.connections} keep-alive connections, ${feed.load.rounds} rounds of ${feed.load.seconds} s taking turns with the bare route. ` +
      `${feed.machine.cores} cores, 1-minute load average ${feed.machine.loadBefore} before and ${feed.machine.loadAfter} after the measurement.`,
    '',
    '| GET | viewers | page | p50 / p99 ms (one at a time) | p50 / p99 ms loaded | req/s | bare req/s | API ÷ bare | bare p50 / p99 ms (one at a time) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of feed.measured)
    lines.push(
      `| ${r.reference ? `${r.reference} (reference)` : `posts?scope=${r.scope}`} | ${r.viewers} | ${r.page} | ${r.api.sequential.p50} / ${r.api.sequential.p99} | ${r.api.loaded.p50} / ${r.api.loaded.p99} | ` +
        `${r.api.loaded.reqPerSec} | ${r.bare.loaded.reqPerSec} | ${(r.ratio * 100).toFixed(0)} % | ${r.bare.sequential.p50} / ${r.bare.sequential.p99} |`,
    );
  lines.push(
    '',
    `Targets: p99 ≤ ${feed.targets.p99Ms} ms (one at a time), ≥ ${feed.targets.bareRatio * 100} % of the bare route's req/s.`,
  );
  if (Array.isArray(feed.explain?.requests))
    for (const r of feed.explain.requests) {
      const buffers = r.statements
        .map((st) =>
          Number(
            /Buffers: shared hit=(\d+)(?: read=(\d+))?/
              .exec(st.plan ?? '')
              ?.slice(1)
              .reduce((a, b) => a + Number(b ?? 0), 0) ?? 0,
          ),
        )
        .reduce((a, b) => a + b, 0);
      lines.push(
        '',
        `### ${r.label}: ${r.statements.length} statements, ${r.totalMs} ms in PostgreSQL, ${buffers} buffers`,
        '',
      );
      for (const st of r.statements)
        lines.push(
          `- ${st.parseBindMs} ms parse + bind (planning), ${st.ms} ms execute: \`${st.sql.replace(/\s+/g, ' ').slice(0, 120)}${st.sql.length > 120 ? '…' : ''}\``,
        );
      // Plans of the posts reads and of anything else over a millisecond.
      for (const st of r.statements.filter((x) => x.plan && (/\bposts\b/.test(x.sql) || x.ms >= 1)))
        lines.push(
          '',
          `${st.parseBindMs} + ${st.ms} ms logged, ${st.executionMs} ms execution + ${st.planningMs} ms planning under EXPLAIN ANALYZE; parameters ${shorten(JSON.stringify(st.params))}`,
          '',
          '```sql',
          st.sql,
          '```',
          '',
          '```',
          st.plan,
          '```',
        );
    }
  else if (feed.explain?.note) lines.push('', feed.explain.note);
  return lines.join('\n') + '\n';
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] === 'seed') {
  const url = process.argv[3];
  if (!url) throw new Error('usage: node scripts/bench-feed.mjs seed DATABASE_URL');
  console.log(JSON.stringify(await seedFeed(url), null, 2));
}
