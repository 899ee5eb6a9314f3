/**
 * The `server-e2e-embedded` project: the same suites, run on what `npm start` uses with no
 * configuration — embedded PGlite and in-process jobs, no PostgreSQL server, no Redis.
 */
process.env.E2E_EMBEDDED = '1';
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
