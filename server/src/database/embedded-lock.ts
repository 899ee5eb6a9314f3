import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no multi-process locking: a second process opening the same data directory corrupts it
 * silently. This lock file lets exactly one live process hold a data directory.
 */
/** Data dirs this process holds, so a second opener inside the same process is refused too. */
const heldHere = new Set<string>();

export class EmbeddedLock {
  private held = false;

  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'world-it.lock');
  }

  acquire(): void {
    mkdirSync(this.dir, { recursive: true });
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(this.file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        heldHere.add(this.dir);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = this.holderPid();
        const heldByUs = holder === process.pid && heldHere.has(this.dir);
        if (heldByUs || (holder !== null && holder !== process.pid && isAlive(holder))) {
          throw new Error(
            `The embedded database in ${this.dir} is in use by another process (pid ${holder}). ` +
              'Embedded mode (no DATABASE_URL) runs as one process; stop the other one, or set DATABASE_URL ' +
              'to run several processes on PostgreSQL.',
          );
        }
        // A stale lock left by a process that died: take it over.
        unlinkSync(this.file);
      }
    }
    throw new Error(`Could not lock ${this.file}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    heldHere.delete(this.dir);
    try {
      if (this.holderPid() === process.pid) unlinkSync(this.file);
    } catch {
      // already gone
    }
  }

  private holderPid(): number | null {
    try {
      const pid = Number(readFileSync(this.file, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
