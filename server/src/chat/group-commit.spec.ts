import { GroupCommit } from './group-commit';

/** A statement the test finishes by hand. */
interface Pending {
  items: number[];
  finish: () => void;
  fail: (err: Error) => void;
}

function setup(limit = 1) {
  const statements: Pending[] = [];
  let running = 0;
  let mostRunning = 0;
  const start = <T>(items: number[], answer: () => T): Promise<T> => {
    running++;
    mostRunning = Math.max(mostRunning, running);
    return new Promise<T>((resolve, reject) => {
      statements.push({
        items,
        finish: () => {
          running--;
          resolve(answer());
        },
        fail: (err) => {
          running--;
          reject(err);
        },
      });
    });
  };
  const commit = new GroupCommit<number, string>({
    limit,
    maxBatch: 3,
    one: (n) => start([n], () => `one:${n}`),
    many: (ns) => start(ns, () => ns.map((n) => `many:${n}`)),
  });
  return { commit, statements, mostRunning: () => mostRunning };
}

/** Lets the promise callbacks that are due run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs an item at once, on its own, when nothing is in flight', async () => {
    const { commit, statements } = setup();
    const answer = commit.run(1);
    expect(statements.map((s) => s.items)).toEqual([[1]]);
    statements[0].finish();
    await expect(answer).resolves.toBe('one:1');
  });

  it('coalesces what arrives while a statement runs into batches of at most maxBatch, in order', async () => {
    const { commit, statements, mostRunning } = setup();
    const answers = [1, 2, 3, 4, 5].map((n) => commit.run(n));
    expect(statements).toHaveLength(1);
    expect(commit.queued).toBe(4);

    statements[0].finish();
    await settle();
    expect(statements.map((s) => s.items)).toEqual([[1], [2, 3, 4]]);
    statements[1].finish();
    await settle();
    // The last one left goes on its own.
    expect(statements.map((s) => s.items)).toEqual([[1], [2, 3, 4], [5]]);
    statements[2].finish();

    await expect(Promise.all(answers)).resolves.toEqual(['one:1', 'many:2', 'many:3', 'many:4', 'one:5']);
    expect(mostRunning()).toBe(1);
    expect(commit.queued).toBe(0);
  });

  it('keeps `limit` statements in flight, never more', async () => {
    const { commit, statements, mostRunning } = setup(2);
    const answers = [1, 2, 3, 4].map((n) => commit.run(n));
    expect(statements.map((s) => s.items)).toEqual([[1], [2]]);
    statements[1].finish();
    await settle();
    expect(statements.map((s) => s.items)).toEqual([[1], [2], [3, 4]]);
    statements[0].finish();
    statements[2].finish();
    await expect(Promise.all(answers)).resolves.toEqual(['one:1', 'one:2', 'many:3', 'many:4']);
    expect(mostRunning()).toBe(2);
  });

  it('runs each item of a failed batch on its own, so only the bad one fails', async () => {
    const { commit, statements } = setup();
    const answers = [1, 2, 3].map((n) => commit.run(n).catch((err: Error) => `failed:${err.message}`));
    statements[0].finish();
    await settle();
    expect(statements[1].items).toEqual([2, 3]);
    statements[1].fail(new Error('one row is bad'));
    await settle();
    // One after the other, in their order.
    expect(statements.slice(2).map((s) => s.items)).toEqual([[2]]);
    statements[2].fail(new Error('bad 2'));
    await settle();
    expect(statements.slice(2).map((s) => s.items)).toEqual([[2], [3]]);
    statements[3].finish();
    await expect(Promise.all(answers)).resolves.toEqual(['one:1', 'failed:bad 2', 'one:3']);
  });

  it('goes on after a single statement fails', async () => {
    const { commit, statements } = setup();
    const first = commit.run(1);
    const second = commit.run(2);
    statements[0].fail(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await settle();
    expect(statements[1].items).toEqual([2]);
    statements[1].finish();
    await expect(second).resolves.toBe('one:2');
  });
});
