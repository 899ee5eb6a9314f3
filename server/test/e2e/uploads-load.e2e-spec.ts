import sharp from 'sharp';
import { bearer, createUser } from '../factories/users';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/**
 * Issue #12: one heavy upload slowed everyone. Four small files of huge pixel counts are processed
 * while /api/health keeps answering. Timings are printed, not asserted (a shared machine varies).
 */
describe('Uploads under load: heavy images do not stall the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('accepts four 6300×6300 PNGs at once while /api/health answers', async () => {
    const u = await createUser(t);
    const huge = await sharp({ create: { width: 6300, height: 6300, channels: 3, background: '#3a6' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    let done = false;
    const healthTimes: number[] = [];
    const probe = (async () => {
      while (!done) {
        const start = performance.now();
        await t.http.get('/api/health').expect(200);
        healthTimes.push(performance.now() - start);
      }
    })();
    const started = performance.now();
    const uploads = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.http.post('/api/uploads').set(bearer(u.accessToken)).attach('file', huge, `huge-${i}.png`),
      ),
    );
    const total = performance.now() - started;
    done = true;
    await probe;
    expect(uploads.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(healthTimes.length).toBeGreaterThan(0);
    console.log(
      `4 × ${huge.length} B 6300×6300 PNG: ${Math.round(total)} ms in all; /api/health ${healthTimes.length} answers, ` +
        `max ${Math.round(Math.max(...healthTimes))} ms, median ${Math.round(healthTimes.sort((a, b) => a - b)[healthTimes.length >> 1])} ms`,
    );
  }, 120_000);
});
