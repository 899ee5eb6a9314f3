/**
 * At most `limit` hits per `windowMs`, sliding (not fixed buckets, so no burst of 2× at a bucket edge).
 * One instance per socket: a socket lives in one process, so memory is the right place.
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
    const t = this.now();
    const from = t - this.windowMs;
    let drop = 0;
    while (drop < this.hits.length && this.hits[drop] <= from) drop++;
    if (drop) this.hits = this.hits.slice(drop);
    if (this.hits.length >= this.limit) return false;
    this.hits.push(t);
    return true;
  }
}
