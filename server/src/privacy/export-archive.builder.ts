import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import archiver from 'archiver';
import { iso } from '../common/iso-time';
import { AppConfig } from '../config/app-config';
import { imageKey } from '../media/media.service';
import { LocalDiskStorage } from '../media/media-storage';
import { ExportContentRepository, type ExportImageRow } from './export-content.repository';

/** The archive's name inside EXPORTS_DIR: `<export id>.zip` (never derived from the token). */
export function exportFileKey(exportId: string): string {
  return `${exportId}.zip`;
}

/** Where a photo sits inside the archive. */
function photoPath(imageId: string): string {
  return `photos/${imageId}.webp`;
}

type Pager<T> = (after: { k: string; id: string } | null) => Promise<T[]>;

/** Walks a keyset list page by page (each page asked for only when the archive is ready for more). */
async function* pages<T extends { k: string; id: string }>(next: Pager<T>): AsyncGenerator<T[]> {
  let after: { k: string; id: string } | null = null;
  for (;;) {
    const rows = await next(after);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { k: last.k, id: last.id };
  }
}

/** A JSON array streamed one page at a time: `[`, items joined by commas, `]`. */
function jsonArray<T extends { k: string; id: string }, U>(next: Pager<T>, map: (row: T) => U): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield '[';
    let first = true;
    for await (const rows of pages(next)) {
      for (const row of rows) {
        yield `${first ? '\n' : ',\n'}  ${JSON.stringify(map(row))}`;
        first = false;
      }
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(chunks());
}

const README = `World IT — your data
====================

This archive holds what you put into World IT, as it was when the archive was made:

  profile.json   your profile, email address and settings; your avatars and albums (photo ids)
  posts.json     the posts you wrote, with their tags, links and images (paths into photos/)
  comments.json  the comments you wrote, with the id of the post they are on
  messages.json  the chat messages you wrote, with the room (id, kind, name) and the time
  photos/        every photo you uploaded (avatars, albums, posts and chats), as stored (WebP)

Times are ISO-8601 in UTC. Other people's posts, comments and messages are not included.

World IT — ваші дані: профіль (profile.json), дописи (posts.json), коментарі (comments.json),
написані вами повідомлення (messages.json) і завантажені фото (photos/).
`;

/**
 * Builds one person's data archive as a ZIP under EXPORTS_DIR: written to a temp file while streamed
 * (pages of rows, photo files read from disk one at a time), then renamed, so a half-written archive
 * is never downloadable.
 */
@Injectable()
export class ExportArchiveBuilder {
  constructor(
    private readonly config: AppConfig,
    private readonly content: ExportContentRepository,
    private readonly storage: LocalDiskStorage,
  ) {}

  path(fileKey: string): string {
    return join(this.config.exportsDir, fileKey);
  }

  /** Writes the archive of `userId` to `fileKey`; answers its size in bytes, or null when the user is gone. */
  async build(userId: string, fileKey: string): Promise<number | null> {
    const profile = await this.content.profile(userId);
    if (!profile) return null;
    await mkdir(this.config.exportsDir, { recursive: true });
    const target = this.path(fileKey);
    const tmp = `${target}.tmp`;
    const zip = archiver('zip', { zlib: { level: 6 } });
    const written = pipeline(zip, createWriteStream(tmp));
    try {
      const [avatars, albums] = await Promise.all([this.content.avatarImageIds(userId), this.content.albums(userId)]);
      zip.append(README, { name: 'README.txt' });
      const profileJson = {
        id: profile.id,
        email: profile.email,
        displayName: profile.display_name,
        firstName: profile.first_name,
        lastName: profile.last_name,
        about: profile.about,
        dateOfBirth: profile.date_of_birth,
        createdAt: iso(profile.created_at),
        role: profile.role,
        settings: { language: profile.language, emailDigest: profile.email_digest },
        avatar: profile.avatar_image_id ? photoPath(profile.avatar_image_id) : null,
        avatars: avatars.map(photoPath),
        albums: albums.map((a) => ({
          id: a.id,
          name: a.name,
          theme: a.theme,
          year: a.year,
          createdAt: iso(a.created_at),
          photos: a.image_ids.map(photoPath),
        })),
      };
      zip.append(JSON.stringify(profileJson, null, 2) + '\n', { name: 'profile.json' });
      zip.append(
        jsonArray(
          (after) => this.content.posts(userId, after),
          (p) => ({
            id: p.id,
            title: p.title,
            content: p.content,
            visibility: p.visibility,
            tags: p.tags,
            links: p.links,
            images: p.image_ids.map(photoPath),
            likesCount: Number(p.likes_count),
            commentsCount: Number(p.comments_count),
            createdAt: iso(p.created_at),
            updatedAt: iso(p.updated_at),
          }),
        ),
        { name: 'posts.json' },
      );
      zip.append(
        jsonArray(
          (after) => this.content.comments(userId, after),
          (c) => ({
            id: c.id,
            postId: c.post_id,
            content: c.content,
            createdAt: iso(c.created_at),
          }),
        ),
        { name: 'comments.json' },
      );
      zip.append(
        jsonArray(
          (after) => this.content.messages(userId, after),
          (m) => ({
            id: m.id,
            room: { id: m.room_id, kind: m.room_kind, name: m.room_name },
            content: m.content,
            image: m.image_id ? photoPath(m.image_id) : null,
            createdAt: iso(m.created_at),
            editedAt: m.edited_at ? iso(m.edited_at) : null,
          }),
        ),
        { name: 'messages.json' },
      );
      await this.appendPhotos(zip, userId);
      await zip.finalize();
      await written;
      await rename(tmp, target);
      return (await stat(target)).size;
    } catch (err) {
      zip.abort();
      await written.catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /**
   * Photo files, a page of rows at a time. archiver opens a queued file only when it gets to it
   * (lazily), so the queue holds a path per photo, never the photos themselves.
   */
  private async appendPhotos(zip: archiver.Archiver, userId: string): Promise<void> {
    for await (const rows of pages<ExportImageRow>((after) => this.content.images(userId, after))) {
      for (const row of rows) {
        const file = this.storage.path(imageKey(row.id));
        const exists = await stat(file).then(
          () => true,
          () => false,
        );
        if (exists) zip.file(file, { name: photoPath(row.id), date: row.created_at });
      }
    }
  }

  async delete(fileKey: string): Promise<void> {
    await rm(this.path(fileKey), { force: true });
  }
}
