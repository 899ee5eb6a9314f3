import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { ImageEntity } from './image.entity';

/** images.created_at has microseconds, cursors milliseconds: page on the millisecond so none is skipped. */
const CREATED_MS = "date_trunc('milliseconds', i.created_at)";

/** The one place that reads and writes the `images` table. */
@Injectable()
export class ImagesRepository {
  constructor(@InjectRepository(ImageEntity) private readonly images: Repository<ImageEntity>) {}

  insert(row: Pick<ImageEntity, 'id' | 'ownerId' | 'width' | 'height' | 'bytes' | 'animated'>): Promise<ImageEntity> {
    return this.images.save(this.images.create({ ...row, deletedAt: null }));
  }

  findLive(id: string): Promise<ImageEntity | null> {
    return this.images.findOne({ where: { id, deletedAt: IsNull() } });
  }

  /** Marks the owner's live image deleted; false when there is none (someone else's, or already deleted). */
  async softDelete(ownerId: string, id: string): Promise<boolean> {
    const result = await this.images.update({ id, ownerId, deletedAt: IsNull() }, { deletedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Which of these ids are live images of `ownerId`, share-locked until the caller's transaction ends,
   * so a concurrent DELETE /api/uploads/:id waits (or wins first, and then the image is not returned).
   */
  async lockOwnLive(ownerId: string, ids: string[], em: EntityManager): Promise<ImageEntity[]> {
    if (ids.length === 0) return [];
    return em
      .getRepository(ImageEntity)
      .createQueryBuilder('i')
      .where('i.id = ANY(:ids) AND i.owner_id = :ownerId AND i.deleted_at IS NULL', { ids, ownerId })
      .setLock('pessimistic_read')
      .getMany();
  }

  /** One page of a user's live images, newest first, after the cursor; up to `take` rows. */
  pageOfOwner(ownerId: string, after: TimeKey | null, take: number): Promise<ImageEntity[]> {
    const qb = this.images
      .createQueryBuilder('i')
      .where('i.owner_id = :ownerId AND i.deleted_at IS NULL', { ownerId })
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(take);
    if (after) qb.andWhere(`(${CREATED_MS}, i.id) < (:t, :id)`, { t: after.at, id: after.id });
    return qb.getMany();
  }
}
