import { Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import type { AvatarImage } from '@world-it/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { MediaService } from '../media/media.service';
import { toImage } from '../media/media-urls';
import { UsersRepository } from '../users/users.repository';
import { AvatarsRepository } from './avatars.repository';

/**
 * The avatar history: every picture a user made their avatar, one of them active. The active one is
 * kept on the user (users.avatar_image_id) so every UserSummary renders it without another query;
 * each change locks the user's row first, so concurrent changes to one user's avatar go one at a time
 * and the active avatar is always an entry of the history (or null when the history is empty).
 */
@Injectable()
export class AvatarsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly avatars: AvatarsRepository,
    private readonly users: UsersRepository,
    private readonly media: MediaService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // A deleted upload leaves the owner's avatar history; if it was the active avatar, the next one takes over.
    this.events.on('image.deleted', async ({ ownerId, imageId }) => {
      await this.db.transaction((em) => this.drop(ownerId, imageId, em));
    });
  }

  /** POST /api/profiles/me/avatar: one of my uploads becomes my active avatar (added to the history once). */
  async set(userId: string, imageId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.lockUser(userId, em);
      await this.media.lockOwnImages(userId, [imageId], em);
      await this.avatars.add(userId, imageId, em);
      await this.users.setAvatarImage(userId, imageId, em);
    });
  }

  /** My history, newest first, with the active one flagged. */
  async list(userId: string): Promise<AvatarImage[]> {
    const [user, rows] = await Promise.all([this.users.findById(userId), this.avatars.historyOf(userId)]);
    return rows.map((r) => ({
      ...toImage({ id: r.imageId, width: r.width, height: r.height }),
      active: r.imageId === user?.avatarImageId,
    }));
  }

  /** PUT /api/profiles/me/avatars/:imageId/active: an entry of my history becomes active again (not in it → 404). */
  async activate(userId: string, imageId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.lockUser(userId, em);
      if (!(await this.avatars.has(userId, imageId, em))) throw new NotFoundException('No such avatar of yours');
      await this.users.setAvatarImage(userId, imageId, em);
    });
  }

  /**
   * DELETE /api/profiles/me/avatars/:imageId: out of the history (the picture itself stays in my
   * photos). If it was active, the newest remaining entry becomes active, or none.
   */
  async remove(userId: string, imageId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await this.drop(userId, imageId, em))) throw new NotFoundException('No such avatar of yours');
    });
  }

  /** Takes the image out of the user's history and moves the active avatar on if needed; false if absent. */
  private async drop(userId: string, imageId: string, em: EntityManager): Promise<boolean> {
    const user = await this.lockUser(userId, em);
    const removed = await this.avatars.remove(userId, imageId, em);
    if (user.avatarImageId === imageId) {
      await this.users.setAvatarImage(userId, await this.avatars.newest(userId, em), em);
    }
    return removed;
  }

  private async lockUser(userId: string, em: EntityManager) {
    const user = await this.users.findById(userId, em, true);
    if (!user) throw new NotFoundException('No such user');
    return user;
  }
}
