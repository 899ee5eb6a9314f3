import { DataSource } from 'typeorm';
import { UsersRepository } from '../../src/users/users.repository';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/**
 * People search and the public room directory stay index-served at any size: the planner picks the
 * pg_trgm GIN indexes for `ILIKE '%term%'` once a table is big enough for an index to pay off. Rows
 * are seeded inside a transaction that is rolled back, so other suites never see them.
 */
describe('Search indexes (pg_trgm)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function explain(
    seed: string,
    index: string,
    analyze: string,
    sql: string,
    params: unknown[],
  ): Promise<string> {
    const qr = t.app.get(DataSource).createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await qr.query(seed);
      // Rows just inserted sit in the GIN pending list until (auto)vacuum merges them, and the planner
      // prices that list high; merge it now so the plan is the one a settled table gets.
      await qr.query(`SELECT gin_clean_pending_list($1::regclass)`, [index]);
      await qr.query(analyze);
      const plan: Array<{ 'QUERY PLAN': string }> = await qr.query(`EXPLAIN ${sql}`, params);
      return plan.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }

  it('people search (display, first, last or full name) uses users_name_search_trgm_idx', async () => {
    const [sql, params] = t.app
      .get(UsersRepository)
      .listActiveQuery('zqxwv', null, 21, ['00000000-0000-4000-8000-000000000000'])
      .getQueryAndParameters();
    const plan = await explain(
      `INSERT INTO users (email, password_hash, confirmed, display_name, first_name, last_name)
       SELECT 'seed-' || i || '-' || md5(random()::text) || '@example.test', 'x', true,
              'Person ' || md5(i::text), 'First' || (i % 977), 'Last' || (i % 541)
       FROM generate_series(1, 20000) AS i`,
      'users_name_search_trgm_idx',
      'ANALYZE users',
      sql,
      params,
    );
    expect(plan).toContain('users_name_search_trgm_idx');
  });

  it('the people list, first page and after a cursor, walks users_active_created_ms_idx instead of sorting every row', async () => {
    const repo = t.app.get(UsersRepository);
    const seed = `INSERT INTO users (email, password_hash, confirmed, display_name, first_name, last_name)
       SELECT 'seed-' || i || '-' || md5(random()::text) || '@example.test', 'x', true,
              'Marta ' || md5(i::text), 'Marta', 'Last' || (i % 541)
       FROM generate_series(1, 20000) AS i`;
    for (const [search, after] of [
      [undefined, null],
      [undefined, { at: new Date(), id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }],
    ] as const) {
      const [sql, params] = repo.listActiveQuery(search, after, 21).getQueryAndParameters();
      const plan = await explain(seed, 'users_name_search_trgm_idx', 'ANALYZE users', sql, params);
      expect(plan).toContain('users_active_created_ms_idx');
      expect(plan).not.toMatch(/\bSort\b/);
    }
  });

  // The directory's WHERE as ChatStore.publicRoomRows builds it (public groups, name ILIKE, newest activity first).
  it('public room search uses rooms_public_name_trgm_idx', async () => {
    const plan = await explain(
      `INSERT INTO rooms (kind, name, visibility) SELECT 'group', 'Room ' || md5(i::text), 'public' FROM generate_series(1, 20000) AS i`,
      'rooms_public_name_trgm_idx',
      'ANALYZE rooms',
      `SELECT r.id FROM rooms r WHERE r.kind = 'group' AND r.visibility = 'public' AND r.name ILIKE $1
       ORDER BY r.last_activity_at DESC, r.id DESC LIMIT 21`,
      ['%zqxwv%'],
    );
    expect(plan).toContain('rooms_public_name_trgm_idx');
  });
});
