import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { AlbumEntity } from './album.entity';
import { AlbumImageEntity } from './album-image.entity';

/** An album with its count and cover, as ALBUM_SELECT answers it. */
export interface AlbumRow {
  id: string;
  owner_id: string;
  name: string;
  theme: string;
  year: number | null;
  created_at: Date | string;
  images_count: number | string;
  cover_id: string | null;
  cover_width: number | null;
  cover_height: number | null;
}

/** A picture of an album page: the image and when it was added (the keyset). */
export interface AlbumImageRow {
  id: string;
  width: number;
  height: number;
  added_at: Date | string;
}

/** Only live images count: a deleted upload is never counted or shown, even before its cleanup ran. */
const LIVE_IMAGES = `album_images ai JOIN images i ON i.id = ai.image_id AND i.deleted_at IS NULL`;
const NEWEST_ADDED = `ai.added_at DESC, ai.image_id DESC`;

/** The count and the cover (the newest-added picture) come with every album, one statement for any number of albums. */
const ALBUM_SELECT = `
  SELECT a.id, a.owner_id, a.name, a.theme, a.year, a.created_at,
         (SELECT count(*) FROM ${LIVE_IMAGES} WHERE ai.album_id = a.id)::int AS images_count,
         c.id AS cover_id, c.width AS cover_width, c.height AS cover_height
    FROM albums a
    LEFT JOIN LATERAL (
      SELECT i.id, i.width, i.height FROM ${LIVE_IMAGES}
       WHERE ai.album_id = a.id ORDER BY ${NEWEST_ADDED} LIMIT 1
    ) c ON true`;

export type AlbumFields = Pick<AlbumEntity, 'name' | 'theme' | 'year'>;

/** The one place that reads and writes `albums` and `album_images`. */
@Injectable()
export class AlbumsRepository {
  constructor(@InjectRepository(AlbumEntity) private readonly albums: Repository<AlbumEntity>) {}

  async create(ownerId: string, fields: AlbumFields): Promise<string> {
    const saved = await this.albums.save(this.albums.create({ ownerId, ...fields }));
    return saved.id;
  }

  /** `lock` (inside the caller's transaction) share-locks the row, so the album cannot go while pictures are added. */
  findById(id: string, em?: EntityManager, lock = false): Promise<AlbumEntity | null> {
    const repo = em ? em.getRepository(AlbumEntity) : this.albums;
    return repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_read' as const } } : {}) });
  }

  async update(id: string, changes: Partial<AlbumFields>): Promise<void> {
    if (Object.keys(changes).length) await this.albums.update({ id }, changes);
  }

  /** The album's pictures go with it (the images themselves stay). */
  async delete(id: string): Promise<void> {
    await this.albums.delete({ id });
  }

  async summary(id: string): Promise<AlbumRow | null> {
    const rows: AlbumRow[] = await this.albums.query(`${ALBUM_SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A person's albums, newest first. */
  listOfOwner(ownerId: string): Promise<AlbumRow[]> {
    return this.albums.query(`${ALBUM_SELECT} WHERE a.owner_id = $1 ORDER BY a.created_at DESC, a.id DESC`, [ownerId]);
  }

  /**
   * Adds pictures; one already in the album is left as it was (ON CONFLICT DO NOTHING, so the same
   * picture added twice at the same moment is not an error either). Within one request the first id
   * listed counts as the newest, so the album shows them in the order given: one time for the whole
   * statement (clock_timestamp() would move on between rows), each next id a millisecond older.
   */
  async addImages(albumId: string, imageIds: string[], em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO album_images (album_id, image_id, added_at)
       SELECT $1, t.id, statement_timestamp() - (t.ord - 1) * interval '1 millisecond'
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)
       ON CONFLICT (album_id, image_id) DO NOTHING`,
      [albumId, imageIds],
    );
  }

  /** false when the picture was not in the album. */
  async removeImage(albumId: string, imageId: string): Promise<boolean> {
    const result = await this.albums.manager.getRepository(AlbumImageEntity).delete({ albumId, imageId });
    return (result.affected ?? 0) > 0;
  }

  /** A deleted upload leaves every album. */
  async removeImageEverywhere(imageId: string): Promise<void> {
    await this.albums.manager.getRepository(AlbumImageEntity).delete({ imageId });
  }

  /** One page of an album's live pictures, newest-added first, after the cursor; up to `take` rows. */
  pageOfImages(albumId: string, after: TimeKey | null, take: number): Promise<AlbumImageRow[]> {
    const params: unknown[] = [albumId, take];
    let where = 'ai.album_id = $1';
    if (after) {
      params.push(after.at, after.id);
      where += ' AND (ai.added_at, ai.image_id) < ($3, $4)';
    }
    return this.albums.query(
      `SELECT i.id, i.width, i.height, ai.added_at FROM ${LIVE_IMAGES}
        WHERE ${where} ORDER BY ${NEWEST_ADDED} LIMIT $2`,
      params,
    );
  }
}
