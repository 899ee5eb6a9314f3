/**
 * At most `limit` hits per `windowMs`, sliding (not fixed buckets, so no burst of 2× at a bucket edge).
 * One instance per socket (the allowance for events that write nothing) or per user and bucket in
 * the memory fallback of UserRateLimiter (embedded mode, one process).
 */
export class SlidingWindowLimiter {
  private hits: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit and says whether it is allowed; refused hits do not count. */
  take(): boolean {
    return this.attempt() === 0;
  }

  /** Records a hit when allowed (→ 0), otherwise answers how many ms until the next one would be. */
  attempt(): number {
    const t = this.now();
    this.expire(t);
    if (this.hits.length >= this.limit) return Math.max(1, this.hits[0] + this.windowMs - t);
    this.hits.push(t);
    return 0;
  }

  /** No hit left in the window: the limiter can be forgotten. */
  idle(): boolean {
    this.expire(this.now());
    return this.hits.length === 0;
  }

  private expire(t: number): void {
    const from = t - this.windowMs;
    let drop = 0;
    while (drop < this.hits.length && this.hits[drop] <= from) drop++;
    if (drop) this.hits = this.hits.slice(drop);
  }
}
