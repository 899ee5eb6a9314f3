import { EventEmitter } from 'node:events';
import { PGlite, types, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * A `pg`-shaped pool over one PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite is a single connection. A naive pool hands that one session to every query runner at once,
 * so two concurrent transactions would interleave (one's COMMIT committing the other's work). Here a
 * query runner holds the session exclusively from `connect` until `release`, in FIFO order, which
 * gives the same isolation a one-connection `pg` pool would.
 */
export function pgliteDriver(dataDir: string): { Pool: new () => PGlitePool } {
  const shared = new SharedPGlite(dataDir);
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(shared);
      }
    },
  };
}

type ConnectCallback = (err: Error | null, client: PGliteClient | null, release: (err?: unknown) => void) => void;

class SharedPGlite {
  private db: Promise<PGlite> | null = null;
  private queue: Array<() => void> = [];
  private busy = false;

  constructor(private readonly dataDir: string) {}

  instance(): Promise<PGlite> {
    this.db ??= PGlite.create({
      dataDir: this.dataDir,
      // The trigram indexes of people and room search (the migration creates the extension).
      extensions: { pg_trgm },
      // Parse like node-postgres does, so the app behaves the same on both: int8 and numeric stay strings.
      parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
      serializers: { [types.BOOL]: (v: unknown) => (v === true || v === 'true' || v === 1 ? 'TRUE' : 'FALSE') },
    });
    return this.db;
  }

  acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  releaseSession(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.busy = false;
  }

  async close(): Promise<void> {
    if (!this.db) return;
    const db = await this.db;
    this.db = null;
    if (!db.closed) await db.close();
  }
}

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    if (params && params.length > 0) return toPgResult(sql, await this.db.query(sql, params));
    // No parameters: the text may hold several statements (migrations); answer with the last result like pg.
    const results = await this.db.exec(sql);
    return toPgResult(sql, results[results.length - 1]);
  }
}

interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

function toPgResult(sql: string, result: Results | undefined): PgLikeResult {
  const command = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase() ?? '';
  const rows = result?.rows ?? [];
  return {
    rows,
    rowCount: result?.affectedRows ?? rows.length,
    command,
    fields: result?.fields ?? [],
  };
}

export class PGlitePool extends EventEmitter {
  constructor(private readonly shared: SharedPGlite) {
    super();
  }

  connect(callback: ConnectCallback): void {
    this.shared
      .acquire()
      .then(async () => {
        let db: PGlite;
        try {
          db = await this.shared.instance();
        } catch (err) {
          this.shared.releaseSession();
          throw err;
        }
        let released = false;
        callback(null, new PGliteClient(db), () => {
          if (released) return;
          released = true;
          this.shared.releaseSession();
        });
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null, () => undefined));
  }

  end(callback?: (err: Error | null) => void): void {
    this.shared
      .close()
      .then(() => callback?.(null))
      .catch((err: unknown) => callback?.(err as Error));
  }
}
