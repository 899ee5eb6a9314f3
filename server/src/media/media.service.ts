import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Image, Page } from '@world-it/contracts';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { pageLimit, toPage, type PageQueryDto } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { UsersRepository } from '../users/users.repository';
import type { ImageEntity } from './image.entity';
import { ImageRejectedError, processImage } from './image-processor';
import { ImagesRepository } from './images.repository';
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
    private readonly images: ImagesRepository,
    private readonly storage: MediaStorage,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
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
      const row = await this.images.insert({
        id,
        ownerId,
        width: processed.width,
        height: processed.height,
        bytes: processed.full.length,
        animated: processed.animated,
      });
      return toImage(row);
    } catch (err) {
      await this.removeFiles(id);
      throw err;
    }
  }

  /**
   * Owner only (anyone else, or an image already deleted: 404). Files go; messages and posts that used
   * it keep a "removed" placeholder (the row stays, marked deleted); albums and the avatar history
   * drop it (their handlers of `image.deleted` run before this answers).
   */
  async delete(ownerId: string, id: string): Promise<void> {
    if (!(await this.images.softDelete(ownerId, id))) {
      // Someone else's picture in their (public) photos: mine to see, not to delete.
      const image = await this.images.findLive(id);
      if (image && (await this.users.findActive(image.ownerId))) {
        throw new ForbiddenException('Only the owner may delete this image');
      }
      throw new NotFoundException('Image not found');
    }
    await this.events.emit('image.deleted', { imageId: id, ownerId });
    await this.removeFiles(id);
  }

  /** GET /api/profiles/:id/images: an active user's live uploads, newest first (unknown user: 404). */
  async gallery(userId: string, q: PageQueryDto): Promise<Page<Image>> {
    if (!(await this.users.findActive(userId))) throw new NotFoundException('No such profile');
    const limit = pageLimit(q);
    const rows = await this.images.pageOfOwner(userId, decodeTimeKey(q.cursor), limit + 1);
    return toPage(rows, limit, toImage, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
  }

  /**
   * The caller's live images among `ids`, share-locked for the rest of the transaction (so the image
   * cannot be deleted between this check and the row that points at it). Any id that is not one of
   * them → 404 naming it ("not yours to see": someone else's image and no image look the same).
   */
  async lockOwnImages(ownerId: string, ids: string[], em: EntityManager): Promise<ImageEntity[]> {
    const unique = [...new Set(ids)];
    const found = await this.images.lockOwnLive(ownerId, unique, em);
    const have = new Set(found.map((i) => i.id));
    const missing = unique.filter((id) => !have.has(id));
    if (missing.length) throw new NotFoundException(`No such image of yours: ${missing.join(', ')}`);
    return found;
  }

  /**
   * An image the caller may attach (to a message, a room avatar): it exists, is not deleted and was
   * uploaded by them. Anything else is a 400 that says so (and does not say whose image it is).
   */
  async requireOwnImage(ownerId: string, id: string, field = 'imageId'): Promise<ImageEntity> {
    const image = await this.images.findLive(id);
    if (!image || image.ownerId !== ownerId) {
      throw new BadRequestException([`${field} must be an image you uploaded (POST /api/uploads)`]);
    }
    return image;
  }

  async findLive(id: string): Promise<ImageEntity | null> {
    return this.images.findLive(id);
  }

  /** Both files of an image (the original and its thumbnail); a missing file is fine. */
  async removeFiles(id: string): Promise<void> {
    await Promise.all([this.storage.delete(imageKey(id)), this.storage.delete(thumbKey(id))]);
  }
}
