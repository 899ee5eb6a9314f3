import type { Album } from '@world-it/contracts';
import { toImage } from '../media/media-urls';
import type { AlbumRow } from './albums.repository';

export function toAlbum(row: AlbumRow): Album {
  return {
    id: row.id,
    name: row.name,
    theme: row.theme,
    year: row.year,
    cover:
      row.cover_id !== null
        ? toImage({ id: row.cover_id, width: row.cover_width as number, height: row.cover_height as number })
        : null,
    imagesCount: Number(row.images_count),
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  };
}
