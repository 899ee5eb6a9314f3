import { SlidingWindowLimiter } from './rate-limiter';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` hits per window and refuses the rest without counting them', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 10_000, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    now = 9_999;
    expect(limiter.take()).toBe(false);
    now = 10_000; // the first three slide out together
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
  });

  it('slides rather than resetting in fixed buckets (no double burst at an edge)', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    limiter.take();
    now = 900;
    limiter.take();
    now = 1001; // only the first hit has expired
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
  });
});

describe('SlidingWindowLimiter.attempt', () => {
  it('answers the wait until the oldest hit slides out, and forgets nothing early', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    expect(limiter.attempt()).toBe(0);
    now = 300;
    expect(limiter.attempt()).toBe(0);
    now = 400;
    expect(limiter.attempt()).toBe(600);
    expect(limiter.idle()).toBe(false);
    now = 1300;
    expect(limiter.idle()).toBe(true);
  });
});
