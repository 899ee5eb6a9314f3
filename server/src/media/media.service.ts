import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Image } from '@world-it/contracts';
import { IsNull, Repository } from 'typeorm';
import { ImageEntity } from './image.entity';
import { ImageRejectedError, processImage } from './image-processor';
import { MediaStorage } from './media-storage';
import { toImage } from './media-urls';

export function imageKey(id: string): string {
  return `images/${id}.webp`;
}
export function thumbKey(id: string): string {
  return `images/${id}_thumb.webp`;
}

@Injectable()
export class MediaService {
  constructor(
    @InjectRepository(ImageEntity) private readonly images: Repository<ImageEntity>,
    private readonly storage: MediaStorage,
  ) {}

  /** Validates, strips and re-encodes an upload, stores both files, then records the row. */
  async upload(ownerId: string, data: Buffer): Promise<Image> {
    let processed;
    try {
      processed = await processImage(data);
    } catch (err) {
      if (err instanceof ImageRejectedError) throw new BadRequestException(err.message);
      throw err;
    }
    const id = randomUUID();
    await this.storage.put(imageKey(id), processed.full, 'image/webp');
    await this.storage.put(thumbKey(id), processed.thumb, 'image/webp');
    try {
      const row = await this.images.save(
        this.images.create({
          id,
          ownerId,
          width: processed.width,
          height: processed.height,
          bytes: processed.full.length,
          animated: processed.animated,
          deletedAt: null,
        }),
      );
      return toImage(row);
    } catch (err) {
      await this.removeFiles(id);
      throw err;
    }
  }

  /** Owner only (anyone else, or an image already deleted: 404). Files go; rows that used it keep a placeholder. */
  async delete(ownerId: string, id: string): Promise<void> {
    const result = await this.images.update({ id, ownerId, deletedAt: IsNull() }, { deletedAt: new Date() });
    if (!result.affected) throw new NotFoundException('Image not found');
    await this.removeFiles(id);
  }

  /**
   * An image the caller may attach (to a message, a room avatar): it exists, is not deleted and was
   * uploaded by them. Anything else is a 400 that says so (and does not say whose image it is).
   */
  async requireOwnImage(ownerId: string, id: string, field = 'imageId'): Promise<ImageEntity> {
    const image = await this.images.findOne({ where: { id, deletedAt: IsNull() } });
    if (!image || image.ownerId !== ownerId) {
      throw new BadRequestException([`${field} must be an image you uploaded (POST /api/uploads)`]);
    }
    return image;
  }

  async findLive(id: string): Promise<ImageEntity | null> {
    return this.images.findOne({ where: { id, deletedAt: IsNull() } });
  }

  private async removeFiles(id: string): Promise<void> {
    await Promise.all([this.storage.delete(imageKey(id)), this.storage.delete(thumbKey(id))]);
  }
}
