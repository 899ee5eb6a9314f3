import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedLock } from './embedded-lock';

describe('EmbeddedLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'world-it-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a data dir held by another live process, naming it', () => {
    writeFileSync(join(dir, 'world-it.lock'), String(process.ppid));
    expect(() => new EmbeddedLock(dir).acquire()).toThrow(`in use by another process (pid ${process.ppid})`);
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(join(dir, 'world-it.lock'), '999999999');
    const lock = new EmbeddedLock(dir);
    expect(() => lock.acquire()).not.toThrow();
    lock.release();
    expect(existsSync(join(dir, 'world-it.lock'))).toBe(false);
  });

  it('refuses a second opener inside the same process until the first releases', () => {
    const a = new EmbeddedLock(dir);
    a.acquire();
    expect(() => new EmbeddedLock(dir).acquire()).toThrow(/in use/);
    a.release();
    const b = new EmbeddedLock(dir);
    expect(() => b.acquire()).not.toThrow();
    b.release();
  });
});
