import sharp from 'sharp';
import { ENCODE_CONCURRENCY, ImageRejectedError, processImage, sniffFormat } from './image-processor';

describe('image processing', () => {
  const make = (format: 'png' | 'jpeg' | 'webp' | 'gif', width = 800, height = 600) =>
    sharp({ create: { width, height, channels: 3, background: '#123456' } })
      .toFormat(format)
      .toBuffer();

  it('recognises the four accepted formats by their bytes only', async () => {
    for (const f of ['png', 'jpeg', 'webp', 'gif'] as const) expect(sniffFormat(await make(f, 4, 4))).toBe(f);
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
    expect(
      sniffFormat(
        await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
          .tiff()
          .toBuffer(),
      ),
    ).toBeNull();
  });

  it('re-encodes to WebP with a thumbnail that fits 320×320, keeping the aspect ratio', async () => {
    const out = await processImage(await make('png', 800, 600));
    expect(out).toMatchObject({ width: 800, height: 600, animated: false, format: 'png' });
    expect((await sharp(out.full).metadata()).format).toBe('webp');
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
  });

  it('applies the EXIF orientation before dropping the metadata', async () => {
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#0f0' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const out = await processImage(rotated);
    expect([out.width, out.height]).toEqual([20, 60]);
    expect((await sharp(out.full).metadata()).orientation).toBeUndefined();
  });

  it('refuses what is not an accepted image', async () => {
    await expect(processImage(Buffer.from('hello'))).rejects.toThrow(ImageRejectedError);
    const pngHeaderOnly = (await make('png', 10, 10)).subarray(0, 30);
    await expect(processImage(pngHeaderOnly)).rejects.toThrow(ImageRejectedError);
  });

  it('refuses a bomb or a non-image at once, without waiting behind the heavy encodes ahead of it', async () => {
    const heavy = await make('png', 5000, 5000);
    // A header claiming 20000×20000: the width and height fields of IHDR (the CRC is not checked by the header read).
    const bomb = Buffer.from(await make('png', 1, 1));
    bomb.writeUInt32BE(20_000, 16);
    bomb.writeUInt32BE(20_000, 20);
    let encoded = 0;
    const busy = Array.from({ length: ENCODE_CONCURRENCY + 1 }, () => processImage(heavy).then(() => encoded++));
    await expect(processImage(bomb)).rejects.toThrow(/too large|not a readable image/);
    await expect(processImage(Buffer.from('not a picture'))).rejects.toThrow(ImageRejectedError);
    // Every slot was taken and one more encode queued: both refusals came before any of them finished.
    expect(encoded).toBe(0);
    await Promise.all(busy);
    expect(encoded).toBe(ENCODE_CONCURRENCY + 1);
  }, 60_000);
});
