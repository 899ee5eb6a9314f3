import { ForbiddenException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import type { Album, Image, Page, PageQuery } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { MediaService } from '../media/media.service';
import { toImage } from '../media/media-urls';
import { UsersRepository } from '../users/users.repository';
import type { AlbumEntity } from './album.entity';
import { toAlbum } from './album.mapper';
import { AlbumsRepository, type AlbumFields } from './albums.repository';
import type { AddAlbumImagesDto } from './dto/add-album-images.dto';
import type { CreateAlbumDto, UpdateAlbumDto } from './dto/save-album.dto';

/**
 * Photo albums. Anyone signed in may see an active user's albums; only the owner changes one
 * ("you may see it but not change it" → 403). An album holds the owner's own uploads only.
 */
@Injectable()
export class AlbumsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly albums: AlbumsRepository,
    private readonly users: UsersRepository,
    private readonly media: MediaService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('image.deleted', ({ imageId }) => this.albums.removeImageEverywhere(imageId));
  }

  /** GET /api/profiles/:id/albums (unknown, unconfirmed or banned user → 404). */
  async listOf(userId: string): Promise<Album[]> {
    if (!(await this.users.findActive(userId))) throw new NotFoundException('No such profile');
    return (await this.albums.listOfOwner(userId)).map(toAlbum);
  }

  async get(id: string): Promise<Album> {
    await this.requireVisible(id);
    return this.summary(id);
  }

  async create(ownerId: string, dto: CreateAlbumDto): Promise<Album> {
    const id = await this.albums.create(ownerId, { name: dto.name, theme: dto.theme ?? '', year: dto.year ?? null });
    return this.summary(id);
  }

  async update(userId: string, id: string, dto: UpdateAlbumDto): Promise<Album> {
    await this.requireOwned(userId, id);
    const changes: Partial<AlbumFields> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.theme !== undefined) changes.theme = dto.theme;
    if (dto.year !== undefined) changes.year = dto.year;
    await this.albums.update(id, changes);
    return this.summary(id);
  }

  /** The album goes; its pictures stay in the owner's photos. */
  async remove(userId: string, id: string): Promise<void> {
    await this.requireOwned(userId, id);
    await this.albums.delete(id);
  }

  /** GET /api/albums/:id/images: newest-added first. */
  async images(id: string, q: PageQuery): Promise<Page<Image>> {
    await this.requireVisible(id);
    const limit = pageLimit(q);
    const rows = await this.albums.pageOfImages(id, decodeTimeKey(q.cursor), limit + 1);
    return toPage(rows, limit, toImage, (r) => ({
      t: (r.added_at instanceof Date ? r.added_at : new Date(r.added_at)).toISOString(),
      id: r.id,
    }));
  }

  /**
   * Owner only; own live images only (any other id → 404 naming it, nothing added). Both the album and
   * the images are locked until the rows are in, so neither can be deleted half-way.
   */
  async addImages(userId: string, id: string, dto: AddAlbumImagesDto): Promise<Album> {
    await this.requireOwned(userId, id);
    const ids = [...new Set(dto.imageIds)];
    await this.db.transaction(async (em) => {
      if (!(await this.albums.findById(id, em, true))) throw new NotFoundException('No such album');
      await this.media.lockOwnImages(userId, ids, em);
      await this.albums.addImages(id, ids, em);
    });
    return this.summary(id);
  }

  /** Owner only; a picture not in the album → 404. The image itself stays in the owner's photos. */
  async removeImage(userId: string, id: string, imageId: string): Promise<void> {
    await this.requireOwned(userId, id);
    if (!(await this.albums.removeImage(id, imageId))) throw new NotFoundException('That image is not in this album');
  }

  private async summary(id: string): Promise<Album> {
    const row = await this.albums.summary(id);
    if (!row) throw new NotFoundException('No such album');
    return toAlbum(row);
  }

  /** An album whose owner is an active user; anything else is 404. */
  private async requireVisible(id: string): Promise<AlbumEntity> {
    const album = await this.albums.findById(id);
    if (!album || !(await this.users.findActive(album.ownerId))) throw new NotFoundException('No such album');
    return album;
  }

  private async requireOwned(userId: string, id: string): Promise<AlbumEntity> {
    const album = await this.requireVisible(id);
    if (album.ownerId !== userId) throw new ForbiddenException('Only the owner may change this album');
    return album;
  }
}
