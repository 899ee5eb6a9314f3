import type { Image } from '@world-it/contracts';

/**
 * Every stored image is re-encoded to WebP (animation kept) with a ≤ 320 px thumbnail, under
 * predictable names, so a URL follows from the image id alone (no lookup to render an avatar).
 */
export const MEDIA_ROUTE = '/media';

export function imageUrl(id: string): string {
  return `${MEDIA_ROUTE}/images/${id}.webp`;
}

export function thumbUrl(id: string): string {
  return `${MEDIA_ROUTE}/images/${id}_thumb.webp`;
}

export function toImage(row: { id: string; width: number; height: number }): Image {
  return { id: row.id, url: imageUrl(row.id), thumbUrl: thumbUrl(row.id), width: row.width, height: row.height };
}
