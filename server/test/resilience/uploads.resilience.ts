import { createDeflate } from 'node:zlib';
import sharp from 'sharp';
import type { Image } from '@world-it/contracts';
import { animatedGif, png, pngClaiming } from '../utils/images';
import { ApiProcess, signedInUser } from './support/api-process';

jest.setTimeout(600_000);

/** CRC-32 as PNG chunks use it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real decompression bomb: a valid greyscale PNG of width × height pixels of one colour, every row
 * really there in the compressed stream (400 MB of pixels for 20000², in a few hundred KB of file).
 */
async function onePixelColourPng(width: number, height: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.once('end', resolve));
  const row = Buffer.alloc(width + 1); // filter byte 0, then black pixels
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Noise, so that a cut file really misses pixel data (a flat picture compresses into its first bytes). */
async function noise(format: 'png' | 'jpeg', size = 256): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const img = sharp(raw, { raw: { width: size, height: size, channels: 3 } });
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
}

interface Case {
  name: string;
  /** The parts of the multipart body: field name, bytes, file name, declared type. */
  files: Array<{ field?: string; data: Buffer; filename: string; type: string }>;
  /** 201: honest content under a lying name or type (stored and served as what it really is). */
  expect: number;
}

describe('resilience: hostile uploads against a real API process', () => {
  let api: ApiProcess;

  beforeAll(async () => {
    api = await ApiProcess.start({ RATE_LIMIT_UPLOADS: '1000000' });
  });
  afterAll(async () => {
    await api?.kill('SIGTERM');
  });

  it('answers every hostile upload with a clear 4xx (or 201 for honest content under a lying name), never 5xx, while /api/health keeps answering', async () => {
    const me = await signedInUser(api);
    const pngBytes = await png(64, 48);
    const jpegBytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .jpeg()
      .toBuffer();
    const webpBytes = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#00ff0080' } })
      .webp()
      .toBuffer();
    const pngNoise = await noise('png');
    const jpegNoise = await noise('jpeg');
    const bomb = await onePixelColourPng(20_000, 20_000);
    const heavy = await onePixelColourPng(6000, 6000);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__xss=1</script><rect width="10" height="10"/></svg>',
    );
    const cases: Case[] = [
      {
        name: 'a PNG named .jpg, sent as image/jpeg',
        files: [{ data: pngBytes, filename: 'photo.jpg', type: 'image/jpeg' }],
        expect: 201,
      },
      {
        name: 'a JPEG sent as image/png',
        files: [{ data: jpegBytes, filename: 'photo.png', type: 'image/png' }],
        expect: 201,
      },
      {
        name: 'a GIF (animated)',
        files: [{ data: await animatedGif(3, 16), filename: 'a.gif', type: 'image/gif' }],
        expect: 201,
      },
      { name: 'a WebP', files: [{ data: webpBytes, filename: 'a.webp', type: 'image/webp' }], expect: 201 },
      {
        name: 'a text file named .png',
        files: [{ data: Buffer.from('hello, not a picture'), filename: 'a.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'HTML sent as image/jpeg',
        files: [{ data: Buffer.from('<html><script>alert(1)</script></html>'), filename: 'a.jpg', type: 'image/jpeg' }],
        expect: 400,
      },
      {
        name: 'an SVG with <script>',
        files: [{ data: svg, filename: 'logo.svg', type: 'image/svg+xml' }],
        expect: 400,
      },
      {
        name: 'an SVG with <script> named .png',
        files: [{ data: svg, filename: 'logo.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'a PNG cut after its header',
        files: [{ data: pngNoise.subarray(0, 60), filename: 'cut.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'a PNG cut in half',
        files: [{ data: pngNoise.subarray(0, pngNoise.length >> 1), filename: 'half.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'a JPEG cut in half',
        files: [{ data: jpegNoise.subarray(0, jpegNoise.length >> 1), filename: 'half.jpg', type: 'image/jpeg' }],
        expect: 400,
      },
      {
        name: 'a JPEG signature alone',
        files: [{ data: Buffer.from([0xff, 0xd8, 0xff]), filename: 'sig.jpg', type: 'image/jpeg' }],
        expect: 400,
      },
      {
        name: `a 20000×20000 PNG of one colour (${Math.round(bomb.length / 1024)} KB)`,
        files: [{ data: bomb, filename: 'bomb.png', type: 'image/png' }],
        expect: 400,
      },
      {
        // Inside the limits (36 MP) but heavy to decode: accepted, and the one that tests the decode pool.
        name: `a 6000×6000 PNG of one colour (${Math.round(heavy.length / 1024)} KB, honest)`,
        files: [{ data: heavy, filename: 'heavy.png', type: 'image/png' }],
        expect: 201,
      },
      {
        name: 'a PNG whose header claims 20000×20000',
        files: [{ data: await pngClaiming(20_000, 20_000), filename: 'liar.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'a PNG whose header claims 2^31 × 1',
        files: [{ data: await pngClaiming(2 ** 31 - 1, 1), filename: 'wide.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'a zero-byte file',
        files: [{ data: Buffer.alloc(0), filename: 'empty.png', type: 'image/png' }],
        expect: 400,
      },
      {
        name: 'two files in the field "file"',
        files: [
          { data: pngBytes, filename: 'a.png', type: 'image/png' },
          { data: pngBytes, filename: 'b.png', type: 'image/png' },
        ],
        expect: 400,
      },
      {
        name: 'a file in another field',
        files: [{ field: 'image', data: pngBytes, filename: 'a.png', type: 'image/png' }],
        expect: 400,
      },
    ];

    // /api/health probed without pause the whole time the uploads run: its latencies are the figure.
    const healthMs: number[] = [];
    let healthBad = 0;
    let uploading = true;
    const prober = (async () => {
      while (uploading) {
        const t0 = performance.now();
        const res = await fetch(`${api.url}/api/health`);
        await res.arrayBuffer();
        healthMs.push(performance.now() - t0);
        if (res.status !== 200) healthBad++;
      }
    })();

    const results: string[] = [];
    const wrong: string[] = [];
    const accepted: Array<{ name: string; image: Image }> = [];
    try {
      // Each case three times at once: hostile uploads arrive together, not politely one by one.
      await Promise.all(
        cases.flatMap((c) =>
          [0, 1, 2].map(async (round) => {
            const form = new FormData();
            for (const f of c.files)
              form.append(f.field ?? 'file', new Blob([new Uint8Array(f.data)], { type: f.type }), f.filename);
            const t0 = performance.now();
            const res = await fetch(`${api.url}/api/uploads`, {
              method: 'POST',
              headers: { authorization: `Bearer ${me.accessToken}` },
              body: form,
            });
            const body = (await res.json()) as Image & { message?: unknown };
            const ms = Math.round(performance.now() - t0);
            if (round === 0)
              results.push(
                `${c.name}: ${res.status} in ${ms} ms${res.status >= 400 ? ` (${JSON.stringify(body.message)})` : ''}`,
              );
            if (res.status !== c.expect)
              wrong.push(`${c.name}: ${res.status}, expected ${c.expect} ${JSON.stringify(body)}`);
            if (res.status === 201 && round === 0) accepted.push({ name: c.name, image: body });
          }),
        ),
      );
    } finally {
      uploading = false;
      await prober;
    }
    const sorted = [...healthMs].sort((a, b) => a - b);
    const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
    console.log(
      `uploads: ${cases.length} hostile kinds × 3 at once, ${wrong.length} wrong answers, 5xx: ${results.filter((r) => / 5\d\d in /.test(r)).length}\n  ` +
        results.join('\n  ') +
        `\n  /api/health meanwhile: ${healthMs.length} probes, median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms, non-200: ${healthBad}`,
    );
    expect(wrong).toEqual([]);
    expect(healthBad).toBe(0);

    // What was accepted is stored as what it really is (re-encoded WebP), served under that type, never sniffed.
    for (const { name, image } of accepted) {
      for (const url of [image.url, image.thumbUrl]) {
        const res = await fetch(`${api.url}${url}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect({ name, status: res.status, type: res.headers.get('content-type') }).toEqual({
          name,
          status: 200,
          type: 'image/webp',
        });
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect((await sharp(bytes).metadata()).format).toBe('webp');
      }
    }
    expect(api.alive).toBe(true);
  });
});
