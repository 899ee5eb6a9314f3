import { availableParallelism } from 'node:os';
import sharp, { type Metadata } from 'sharp';
import { THUMB_MAX_PX } from '@world-it/contracts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** Decompression-bomb guards: checked from the header before a single pixel is decoded. */
export const MAX_SIDE_PX = 10_000;
export const MAX_PIXELS = 40_000_000;
/** All frames of an animation together (a GIF of 1,000 frames is as heavy as one huge picture). */
export const MAX_ANIMATION_PIXELS = 60_000_000;
/** The stored full-size picture is scaled down to fit this box (never enlarged). */
export const FULL_MAX_PX = 4096;

export class ImageRejectedError extends Error {}

export interface ProcessedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  animated: boolean;
  format: ImageFormat;
}

/** The format from the file's first bytes (magic numbers); the name and the declared MIME type are ignored. */
export function sniffFormat(buf: Buffer): ImageFormat | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1'))) return 'gif';
  if (
    buf.length >= 12 &&
    buf.subarray(0, 4).toString('latin1') === 'RIFF' &&
    buf.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/**
 * Validates and re-encodes an upload: type by content, dimensions checked before decoding, EXIF/GPS
 * and every other metadata dropped (sharp writes none unless asked), orientation applied, WebP out
 * (animations stay animated) plus a thumbnail that fits 320×320.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  // The header checks read a few bytes and no pixels, so they run before the queue: a bomb or a file
  // that is no picture at all is refused at once, not after the heavy encodes waiting ahead of it.
  const checked = await checkHeader(input);
  return encodeSlots.run(() => decodeAndEncode(input, checked));
}

/**
 * At most N images decode at once (N = cores − 1, at least 1), the rest wait their turn. sharp works
 * in libuv's thread pool (4 threads by default), which the database driver's DNS lookups, file reads
 * and writes share: four huge uploads at once took every thread, and /api/health waited seconds
 * behind them. Each encode also uses vips' own threads, so one or two at a time loses no throughput.
 */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export const ENCODE_CONCURRENCY = Math.max(1, availableParallelism() - 1);
const encodeSlots = new Slots(ENCODE_CONCURRENCY);

interface CheckedHeader {
  format: ImageFormat;
  animated: boolean;
  pages: number;
}

/** Type by content and dimensions from the header, before a single pixel is decoded. */
async function checkHeader(input: Buffer): Promise<CheckedHeader> {
  const format = sniffFormat(input);
  if (!format) throw new ImageRejectedError('Only JPEG, PNG, WebP or GIF images are accepted');

  let meta: Metadata;
  try {
    meta = await sharp(input, { animated: true, limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('The file is not a readable image');
  }
  if (meta.format !== format) throw new ImageRejectedError('The file is not a readable image');
  const width = meta.width ?? 0;
  const pages = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  if (width < 1 || frameHeight < 1) throw new ImageRejectedError('The file is not a readable image');
  if (width > MAX_SIDE_PX || frameHeight > MAX_SIDE_PX || width * frameHeight > MAX_PIXELS) {
    throw new ImageRejectedError(
      `The image is too large: at most ${MAX_SIDE_PX} px a side and ${MAX_PIXELS / 1_000_000} megapixels`,
    );
  }
  const animated = pages > 1;
  if (animated && width * frameHeight * pages > MAX_ANIMATION_PIXELS) {
    throw new ImageRejectedError('The animation is too large: use fewer or smaller frames');
  }
  return { format, animated, pages };
}

async function decodeAndEncode(input: Buffer, { format, animated, pages }: CheckedHeader): Promise<ProcessedImage> {
  const open = () => {
    const img = sharp(input, {
      animated,
      limitInputPixels: animated ? MAX_ANIMATION_PIXELS : MAX_PIXELS,
      failOn: 'error',
    });
    // Orientation comes from EXIF, which is about to be dropped: apply it to the pixels first.
    return animated ? img : img.rotate();
  };
  try {
    const full = await open()
      .resize({ width: FULL_MAX_PX, height: FULL_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await open()
      .resize({ width: THUMB_MAX_PX, height: THUMB_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75, effort: 4 })
      .toBuffer();
    const outHeight = animated ? (full.info.pageHeight ?? Math.round(full.info.height / pages)) : full.info.height;
    return { full: full.data, thumb, width: full.info.width, height: outHeight, animated, format };
  } catch {
    throw new ImageRejectedError('The file is not a readable image');
  }
}
