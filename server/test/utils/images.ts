import sharp from 'sharp';

/** Test pictures made on the fly with sharp. */
export function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
}

/** A JPEG carrying EXIF with a copyright owner and GPS coordinates. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'secret-owner', Artist: 'secret-artist' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 3230/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 4366/100',
      },
    })
    .toBuffer();
}

export async function animatedGif(frames = 3, size = 16): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * frames * 4);
  for (let i = 0; i < raw.length; i += 4) {
    raw[i] = Math.floor(i / (size * size * 4)) * 80;
    raw[i + 3] = 255;
  }
  return sharp(raw, { raw: { width: size, height: size * frames, channels: 4, pageHeight: size } })
    .gif({ loop: 0, delay: Array.from({ length: frames }, () => 100) })
    .toBuffer();
}

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

/**
 * A tiny PNG whose header claims huge dimensions (a decompression bomb's calling card): the file is
 * a few hundred bytes, decoding it would need gigabytes.
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const buf = Buffer.from(await png(1, 1));
  // Signature (8) + IHDR length (4) + "IHDR" (4) → width at 16, height at 20, CRC after the 13 data bytes.
  buf.writeUInt32BE(width, 16);
  buf.writeUInt32BE(height, 20);
  buf.writeUInt32BE(crc32(buf.subarray(12, 29)), 29);
  return buf;
}
