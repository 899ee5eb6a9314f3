import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PostVisibility } from '@world-it/contracts';
import { Repository, type EntityManager } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import { PostEntity } from './post.entity';

/** A post with everything its card shows, as HYDRATE answers it. */
export interface PostRow {
  id: string;
  author_id: string;
  author_name: string;
  author_avatar_id: string | null;
  title: string;
  content: string;
  visibility: PostVisibility;
  likes_count: number;
  comments_count: number;
  created_at: Date;
  updated_at: Date;
  tags: string[];
  links: string[];
  images: Array<{ id: string; width: number; height: number }>;
  images_removed: number;
  liked_by_me: boolean;
}

export interface PostFacts {
  id: string;
  author_id: string;
  visibility: PostVisibility;
  created_at: Date;
}

export interface PostFields {
  title: string;
  content: string;
  visibility: PostVisibility;
}

/**
 * Who the reader is, as a page query needs it: `authors` = the reader and their friends (they see each
 * other's `friends` posts), `hidden` = everyone in a block with the reader, either side.
 */
export interface Reader {
  id: string;
  authors: string[];
  hidden: string[];
}

/** Which posts a page holds. Exactly one driving index serves each (see the README's index table). */
export type PostSource =
  | { kind: 'feed' } // posts_author_created_idx, one range per author in reader.authors (LATERAL)
  | { kind: 'all' } // posts_created_idx, newest first, filtered by visibility and blocks
  | { kind: 'author'; authorId: string } // posts_author_created_idx, one range
  | { kind: 'tag'; tagName: string; onlyAuthors: boolean; authorId?: string }; // post_tags_tag_created_idx, one range

/**
 * What a reader may see of a post `p`: their own and their friends' posts, and public posts of anyone not
 * in a block with them. The friends list as a hashed subquery: `= ANY` over a long array literal costs
 * milliseconds to plan on every request.
 */
const VISIBLE = `(p.author_id IN (SELECT unnest($2::uuid[])) OR (p.visibility = 'public' AND p.author_id <> ALL($3::uuid[])))`;

/** From this many authors (me and my friends) on, the feed walks the newest posts instead of one range per author. */
export const FEED_WALK_MIN_AUTHORS = 200;

/** A page's rows with their tags, links, images (live ones, in order), the reader's like and the author. One statement. */
const HYDRATE = `
  SELECT p.id, p.author_id, u.display_name AS author_name, u.avatar_image_id AS author_avatar_id,
         p.title, p.content, p.visibility, p.likes_count, p.comments_count, p.created_at, p.updated_at,
         COALESCE((SELECT array_agg(t.name ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                    WHERE pt.post_id = p.id), '{}') AS tags,
         COALESCE((SELECT array_agg(l.url ORDER BY l.position) FROM post_links l WHERE l.post_id = p.id), '{}') AS links,
         COALESCE((SELECT json_agg(json_build_object('id', i.id, 'width', i.width, 'height', i.height) ORDER BY pi.position)
                     FROM post_images pi JOIN images i ON i.id = pi.image_id
                    WHERE pi.post_id = p.id AND i.deleted_at IS NULL), '[]') AS images,
         (SELECT count(*) FROM post_images pi JOIN images i ON i.id = pi.image_id
           WHERE pi.post_id = p.id AND i.deleted_at IS NOT NULL)::int AS images_removed,
         EXISTS (SELECT 1 FROM post_likes pl WHERE pl.post_id = p.id AND pl.user_id = $1) AS liked_by_me
    FROM page JOIN posts p ON p.id = page.id JOIN users u ON u.id = p.author_id`;

const NEWEST = `ORDER BY p.created_at DESC, p.id DESC`;

/**
 * The one place that reads and writes posts and what hangs off them: tags (with their counts), links,
 * images, likes (with the post's count). Comments have their own repository.
 */
@Injectable()
export class PostsRepository {
  constructor(@InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>) {}

  /**
   * One page, newest first, strictly after `after` (created_at, id): stable while new posts arrive,
   * since they sort before the cursor. Banned authors' posts are left out. `take` rows at most.
   */
  async page(reader: Reader, source: PostSource, after: TimeKey | null, take: number): Promise<PostRow[]> {
    const params: unknown[] = [reader.id, reader.authors, reader.hidden, take, after?.at ?? null, after?.id ?? null];
    const before = (t: string, id: string) =>
      `($5::timestamptz IS NULL OR (${t}, ${id}) < ($5::timestamptz, $6::uuid))`;
    let page: string;
    switch (source.kind) {
      case 'feed':
        page =
          reader.authors.length >= FEED_WALK_MIN_AUTHORS
            ? // Many friends: their posts are a large share of the newest ones, so walking posts_created_idx
              // finds a page after a few hundred entries (one range per author would read thousands).
              `SELECT p.id, p.created_at FROM posts p JOIN users u ON u.id = p.author_id AND NOT u.banned
                WHERE p.author_id = ANY($2::uuid[]) AND p.author_id <> ALL($3::uuid[])
                  AND ${before('p.created_at', 'p.id')}
                ${NEWEST} LIMIT $4`
            : // Few friends: one short range of posts_author_created_idx per (active) author, merged, so the
              // cost follows friends × page size, never the number of posts.
              `SELECT p.id, p.created_at
                 FROM (SELECT u.id FROM users u WHERE u.id = ANY($2::uuid[]) AND NOT u.banned
                          AND u.id <> ALL($3::uuid[])) a
                 CROSS JOIN LATERAL (
                   SELECT p.id, p.created_at FROM posts p
                    WHERE p.author_id = a.id AND ${before('p.created_at', 'p.id')}
                    ${NEWEST} LIMIT $4
                 ) p
                ${NEWEST} LIMIT $4`;
        break;
      case 'all':
        page = `
          SELECT p.id, p.created_at FROM posts p JOIN users u ON u.id = p.author_id AND NOT u.banned
           WHERE ${before('p.created_at', 'p.id')} AND ${VISIBLE}
           ${NEWEST} LIMIT $4`;
        break;
      case 'author':
        params.push(source.authorId);
        page = `
          SELECT p.id, p.created_at FROM posts p JOIN users u ON u.id = p.author_id AND NOT u.banned
           WHERE p.author_id = $7 AND ${before('p.created_at', 'p.id')} AND ${VISIBLE}
           ${NEWEST} LIMIT $4`;
        break;
      case 'tag':
        params.push(source.tagName);
        if (source.authorId) params.push(source.authorId);
        page = `
          SELECT p.id, p.created_at FROM post_tags pt
            JOIN posts p ON p.id = pt.post_id
            JOIN users u ON u.id = p.author_id AND NOT u.banned
           WHERE pt.tag_id = (SELECT id FROM tags WHERE name = $7)
             AND ${before('pt.post_created_at', 'pt.post_id')} AND ${VISIBLE}
             ${source.onlyAuthors ? 'AND p.author_id = ANY($2::uuid[])' : ''}
             ${source.authorId ? 'AND p.author_id = $8' : ''}
           ORDER BY pt.post_created_at DESC, pt.post_id DESC LIMIT $4`;
        break;
    }
    return this.posts.query(`WITH page AS (${page}) ${HYDRATE} ${NEWEST}`, params);
  }

  /** One post as its card shows it, whoever the reader (visibility is the caller's rule). */
  async hydrate(readerId: string, id: string): Promise<PostRow | null> {
    const rows: PostRow[] = await this.posts.query(`WITH page AS (SELECT $2::uuid AS id) ${HYDRATE}`, [readerId, id]);
    return rows[0] ?? null;
  }

  /** Who wrote it, its visibility and time; null when there is no such post or its author is banned. */
  async facts(id: string): Promise<PostFacts | null> {
    const rows: PostFacts[] = await this.posts.query(
      `SELECT p.id, p.author_id, p.visibility, p.created_at FROM posts p
         JOIN users u ON u.id = p.author_id AND NOT u.banned WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(authorId: string, fields: PostFields, em: EntityManager): Promise<PostFacts> {
    const rows: PostFacts[] = await em.query(
      `INSERT INTO posts (author_id, title, content, visibility) VALUES ($1, $2, $3, $4)
       RETURNING id, author_id, visibility, created_at`,
      [authorId, fields.title, fields.content, fields.visibility],
    );
    return rows[0];
  }

  /** Changes the fields given and moves updated_at; false when the post is gone. */
  async update(id: string, fields: Partial<PostFields>, em: EntityManager): Promise<boolean> {
    const sets: string[] = ['updated_at = clock_timestamp()'];
    const params: unknown[] = [id];
    for (const [column, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = returned<{ id: string }>(
      await em.query(`UPDATE posts SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params),
    );
    return rows.length > 0;
  }

  /** Locks the post row for the rest of the transaction (edits and deletes of one post take turns) and reads it. */
  async lock(id: string, em: EntityManager): Promise<PostFacts | null> {
    const rows: PostFacts[] = await em.query(
      `SELECT id, author_id, visibility, created_at FROM posts WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Gives the post these tags, in this order, after `releaseTags`: new names are created. A tag's
   * `posts_count` counts public posts only (`counted`), so autocomplete never reveals a friends-only
   * post's tags. `createdAt` is copied to post_tags for the tag pages' index. Tags are locked in name
   * order here and in releaseTags, so two posts sharing tags never deadlock.
   */
  async addTags(postId: string, createdAt: Date, names: string[], counted: boolean, em: EntityManager): Promise<void> {
    if (names.length === 0) return;
    await em.query(
      `WITH named AS (
         INSERT INTO tags (name, posts_count) SELECT n, $4::int FROM unnest($2::varchar[]) AS n ORDER BY n
         ON CONFLICT (name) DO UPDATE SET posts_count = tags.posts_count + $4::int
         RETURNING id, name
       )
       INSERT INTO post_tags (post_id, tag_id, position, post_created_at)
       SELECT $1, named.id, t.ord, $3 FROM unnest($2::varchar[]) WITH ORDINALITY AS t(name, ord)
         JOIN named ON named.name = t.name`,
      [postId, names, createdAt, counted ? 1 : 0],
    );
  }

  /** Drops the post's tags, counting them down when they were `counted` (the post was public). */
  async releaseTags(postId: string, counted: boolean, em: EntityManager): Promise<void> {
    await em.query(
      `WITH gone AS (DELETE FROM post_tags WHERE post_id = $1 RETURNING tag_id),
       locked AS (SELECT id FROM tags WHERE id IN (SELECT tag_id FROM gone) ORDER BY name FOR UPDATE)
       UPDATE tags SET posts_count = posts_count - $2::int WHERE id IN (SELECT id FROM locked)`,
      [postId, counted ? 1 : 0],
    );
  }

  /** The post's tag names in order. */
  async tagsOf(postId: string, em: EntityManager): Promise<string[]> {
    const rows: Array<{ name: string }> = await em.query(
      `SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = $1 ORDER BY pt.position`,
      [postId],
    );
    return rows.map((r) => r.name);
  }

  async setLinks(postId: string, urls: string[], em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM post_links WHERE post_id = $1`, [postId]);
    if (urls.length === 0) return;
    await em.query(
      `INSERT INTO post_links (post_id, position, url)
       SELECT $1, t.ord, t.url FROM unnest($2::varchar[]) WITH ORDINALITY AS t(url, ord)`,
      [postId, urls],
    );
  }

  async setImages(postId: string, imageIds: string[], em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM post_images WHERE post_id = $1`, [postId]);
    if (imageIds.length === 0) return;
    await em.query(
      `INSERT INTO post_images (post_id, position, image_id)
       SELECT $1, t.ord, t.id FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [postId, imageIds],
    );
  }

  /** The post goes with its tags (counted down), links, images, likes and comments. */
  async delete(id: string, wasPublic: boolean, em: EntityManager): Promise<void> {
    await this.releaseTags(id, wasPublic, em);
    await em.query(`DELETE FROM posts WHERE id = $1`, [id]);
  }

  /**
   * Likes or unlikes in one statement: the like row and the post's count change together, so any number
   * of concurrent likes leave the count equal to the rows (the UPDATE re-reads the count under its row
   * lock). Answers the new state and whether anything changed; null when the post is gone.
   */
  async setLike(
    postId: string,
    userId: string,
    liked: boolean,
  ): Promise<{ likesCount: number; commentsCount: number; changed: boolean } | null> {
    const change = liked
      ? `INSERT INTO post_likes (post_id, user_id) SELECT id, $2 FROM posts WHERE id = $1 ON CONFLICT DO NOTHING RETURNING 1`
      : `DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2 RETURNING 1`;
    const sign = liked ? '+' : '-';
    const rows = returned<{ likes_count: number; comments_count: number; changed: number }>(
      await this.posts.query(
        `WITH change AS (${change}), n AS (SELECT count(*)::int AS changed FROM change)
         UPDATE posts SET likes_count = likes_count ${sign} n.changed FROM n WHERE id = $1
         RETURNING likes_count, comments_count, n.changed`,
        [postId, userId],
      ),
    );
    const row = rows[0];
    return row ? { likesCount: row.likes_count, commentsCount: row.comments_count, changed: row.changed > 0 } : null;
  }

  /** Tags starting with `prefix` (over tags_name_prefix_idx), most used first, then by name; only tags of public posts. */
  tagsByPrefix(prefix: string, take: number): Promise<Array<{ name: string; posts_count: number }>> {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.posts.query(
      `SELECT name, posts_count FROM tags WHERE name LIKE $1 AND posts_count > 0
        ORDER BY posts_count DESC, name LIMIT $2`,
      [`${escaped}%`, take],
    );
  }
}
