import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows are read in pages of this many, so an archive of a very active account never sits in memory whole. */
export const EXPORT_PAGE = 500;

interface Keyed {
  /** created_at as PostgreSQL text (full precision): the keyset cursor of the next page. */
  k: string;
  id: string;
}

export interface ExportProfileRow {
  id: string;
  email: string;
  display_name: string;
  first_name: string;
  last_name: string;
  about: string;
  date_of_birth: string | null;
  language: string;
  email_digest: boolean;
  role: string;
  avatar_image_id: string | null;
  created_at: Date;
}

export interface ExportPostRow extends Keyed {
  title: string;
  content: string;
  visibility: string;
  likes_count: number;
  comments_count: number;
  created_at: Date;
  updated_at: Date;
  tags: string[];
  links: string[];
  image_ids: string[];
}

export interface ExportCommentRow extends Keyed {
  post_id: string;
  content: string;
  created_at: Date;
}

export interface ExportMessageRow extends Keyed {
  room_id: string;
  room_kind: string;
  room_name: string;
  content: string;
  image_id: string | null;
  created_at: Date;
  edited_at: Date | null;
}

export interface ExportImageRow extends Keyed {
  width: number;
  height: number;
  created_at: Date;
}

export interface ExportAlbumRow {
  id: string;
  name: string;
  theme: string;
  year: number | null;
  created_at: Date;
  image_ids: string[];
}

/**
 * Reads what a person's data archive holds: only rows they wrote or own. Read-only; every list is a
 * keyset walk over (created_at, id), oldest first, one page per call.
 */
@Injectable()
export class ExportContentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async profile(userId: string): Promise<ExportProfileRow | null> {
    const rows: ExportProfileRow[] = await this.ds.query(
      `SELECT id, email, display_name, first_name, last_name, about, date_of_birth::text AS date_of_birth, language,
              email_digest, role, avatar_image_id, created_at
         FROM users WHERE id = $1 AND deleted_at IS NULL`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async avatarImageIds(userId: string): Promise<string[]> {
    const rows: Array<{ image_id: string }> = await this.ds.query(
      `SELECT a.image_id FROM avatars a JOIN images i ON i.id = a.image_id AND i.deleted_at IS NULL
        WHERE a.user_id = $1 ORDER BY a.created_at, a.image_id`,
      [userId],
    );
    return rows.map((r) => r.image_id);
  }

  albums(userId: string): Promise<ExportAlbumRow[]> {
    return this.ds.query(
      `SELECT al.id, al.name, al.theme, al.year, al.created_at,
              COALESCE((SELECT array_agg(ai.image_id ORDER BY ai.image_id) FROM album_images ai
                          JOIN images i ON i.id = ai.image_id AND i.deleted_at IS NULL
                         WHERE ai.album_id = al.id), '{}') AS image_ids
         FROM albums al WHERE al.owner_id = $1 ORDER BY al.created_at, al.id`,
      [userId],
    );
  }

  /** The next page after `after` of one of the keyset lists. */
  private page<T extends Keyed>(sql: string, where: string, userId: string, after: Keyed | null): Promise<T[]> {
    const params: unknown[] = [userId, EXPORT_PAGE];
    let cond = where;
    if (after) {
      params.push(after.k, after.id);
      cond += ` AND (x.created_at, x.id) > ($3::timestamptz, $4::uuid)`;
    }
    return this.ds.query(`${sql} WHERE ${cond} ORDER BY x.created_at, x.id LIMIT $2`, params);
  }

  posts(userId: string, after: Keyed | null): Promise<ExportPostRow[]> {
    return this.page(
      `SELECT x.id, x.created_at::text AS k, x.title, x.content, x.visibility, x.likes_count, x.comments_count,
              x.created_at, x.updated_at,
              COALESCE((SELECT array_agg(t.name ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                         WHERE pt.post_id = x.id), '{}') AS tags,
              COALESCE((SELECT array_agg(l.url ORDER BY l.position) FROM post_links l WHERE l.post_id = x.id), '{}') AS links,
              COALESCE((SELECT array_agg(pi.image_id ORDER BY pi.position) FROM post_images pi
                          JOIN images i ON i.id = pi.image_id AND i.deleted_at IS NULL
                         WHERE pi.post_id = x.id), '{}') AS image_ids
         FROM posts x`,
      `x.author_id = $1`,
      userId,
      after,
    );
  }

  comments(userId: string, after: Keyed | null): Promise<ExportCommentRow[]> {
    return this.page(
      `SELECT x.id, x.created_at::text AS k, x.post_id, x.content, x.created_at FROM comments x`,
      `x.author_id = $1`,
      userId,
      after,
    );
  }

  /** Messages they wrote (not deleted), with the room's name (a direct room: the other person's name). */
  messages(userId: string, after: Keyed | null): Promise<ExportMessageRow[]> {
    return this.page(
      `SELECT x.id, x.created_at::text AS k, x.room_id, r.kind AS room_kind,
              CASE WHEN r.kind = 'direct'
                   THEN COALESCE((SELECT u.display_name FROM users u
                                   WHERE u.id = CASE WHEN r.direct_user_low = $1 THEN r.direct_user_high ELSE r.direct_user_low END), '')
                   ELSE r.name END AS room_name,
              x.content, x.image_id, x.created_at, x.edited_at
         FROM messages x JOIN rooms r ON r.id = x.room_id`,
      `x.author_id = $1 AND x.deleted_at IS NULL`,
      userId,
      after,
    );
  }

  /** Their live uploads: avatars, album photos, post and chat images alike. */
  images(userId: string, after: Keyed | null): Promise<ExportImageRow[]> {
    return this.page(
      `SELECT x.id, x.created_at::text AS k, x.width, x.height, x.created_at FROM images x`,
      `x.owner_id = $1 AND x.deleted_at IS NULL`,
      userId,
      after,
    );
  }
}
