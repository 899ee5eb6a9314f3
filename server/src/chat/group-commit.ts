/**
 * Group commit: at most `limit` statements in flight. What arrives while they run waits, and goes
 * as one statement for the whole batch when one of them finishes, so under load N sends cost one
 * round trip, one plan and one commit instead of N; with nothing in flight an item runs at once, on
 * its own (no added latency when the system is quiet).
 *
 * Each item still gets its own answer. When a batch statement fails (one bad row fails them all),
 * every item of it runs again on its own, one after the other in their order, so only the bad one
 * fails, with its own error.
 */
export class GroupCommit<I, O> {
  private inFlight = 0;
  private readonly waiting: Array<{ item: I; resolve: (out: O) => void; reject: (err: unknown) => void }> = [];

  constructor(
    private readonly options: {
      /** Statements running at once. */
      limit: number;
      /** Items in one batch statement at most. */
      maxBatch: number;
      one: (item: I) => Promise<O>;
      /** The answers in the order of the items. */
      many: (items: I[]) => Promise<O[]>;
    },
  ) {}

  run(item: I): Promise<O> {
    if (this.inFlight < this.options.limit) return this.track(() => this.options.one(item));
    return new Promise<O>((resolve, reject) => this.waiting.push({ item, resolve, reject }));
  }

  /** Items waiting for a statement (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.next();
    }
  }

  private next(): void {
    while (this.waiting.length && this.inFlight < this.options.limit) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      void this.track(() => this.runBatch(batch));
    }
  }

  /** Never rejects: every item's own promise gets the outcome. */
  private async runBatch(batch: typeof this.waiting): Promise<void> {
    if (batch.length > 1) {
      let out: O[] | null = null;
      try {
        out = await this.options.many(batch.map((b) => b.item));
      } catch {
        // One of them made the statement fail: each on its own below.
      }
      if (out) {
        batch.forEach((b, i) => b.resolve(out[i]));
        return;
      }
    }
    // One after the other, in the order they came (as the batch would have stored them).
    for (const b of batch) await this.options.one(b.item).then(b.resolve, b.reject);
  }
}
