import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { AvatarEntity } from './avatar.entity';

/** An avatar-history entry with what an `Image` needs of its picture. */
export interface AvatarRow {
  imageId: string;
  width: number;
  height: number;
}

/** Newest first; the id breaks ties between entries of the same millisecond. */
const NEWEST_FIRST = 'a.created_at DESC, a.image_id DESC';

/** The one place that reads and writes the `avatars` table (a user's avatar history). */
@Injectable()
export class AvatarsRepository {
  constructor(@InjectRepository(AvatarEntity) private readonly avatars: Repository<AvatarEntity>) {}

  private repo(em?: EntityManager): Repository<AvatarEntity> {
    return em ? em.getRepository(AvatarEntity) : this.avatars;
  }

  /** The history, newest first, live images only (a deleted upload is never shown, even before its cleanup). */
  async historyOf(userId: string): Promise<AvatarRow[]> {
    const rows: Array<{ image_id: string; width: number; height: number }> = await this.avatars.query(
      `SELECT a.image_id, i.width, i.height
         FROM avatars a JOIN images i ON i.id = a.image_id AND i.deleted_at IS NULL
        WHERE a.user_id = $1
        ORDER BY ${NEWEST_FIRST}`,
      [userId],
    );
    return rows.map((r) => ({ imageId: r.image_id, width: r.width, height: r.height }));
  }

  /** Adds the image to the history; already there → unchanged (no second row, its place in the order kept). */
  async add(userId: string, imageId: string, em: EntityManager): Promise<void> {
    await this.repo(em).createQueryBuilder().insert().values({ userId, imageId }).orIgnore().execute();
  }

  /** Whether the history holds this (live) image. */
  async has(userId: string, imageId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM avatars a JOIN images i ON i.id = a.image_id AND i.deleted_at IS NULL
        WHERE a.user_id = $1 AND a.image_id = $2`,
      [userId, imageId],
    );
    return rows.length > 0;
  }

  /** Takes the image out of the history; false when it was not in it. */
  async remove(userId: string, imageId: string, em: EntityManager): Promise<boolean> {
    const result = await this.repo(em).delete({ userId, imageId });
    return (result.affected ?? 0) > 0;
  }

  /** The newest live image left in the history, or null when it is empty. */
  async newest(userId: string, em: EntityManager): Promise<string | null> {
    const rows: Array<{ image_id: string }> = await em.query(
      `SELECT a.image_id FROM avatars a JOIN images i ON i.id = a.image_id AND i.deleted_at IS NULL
        WHERE a.user_id = $1
        ORDER BY ${NEWEST_FIRST}
        LIMIT 1`,
      [userId],
    );
    return rows[0]?.image_id ?? null;
  }
}
