import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import { CommentEntity } from './comment.entity';

/** A comment with its author, as the list and the create answer it. */
export interface CommentRow {
  id: string;
  post_id: string;
  author_id: string;
  author_name: string;
  author_avatar_id: string | null;
  content: string;
  created_at: Date;
}

const WITH_AUTHOR = `
  SELECT c.id, c.post_id, c.author_id, u.display_name AS author_name, u.avatar_image_id AS author_avatar_id,
         c.content, c.created_at
    FROM comments c JOIN users u ON u.id = c.author_id`;

/** The one place that reads and writes `comments`, keeping the post's comments_count in the same statement. */
@Injectable()
export class CommentsRepository {
  constructor(@InjectRepository(CommentEntity) private readonly comments: Repository<CommentEntity>) {}

  /**
   * Adds the comment and counts it on the post, in one statement (concurrent comments all count).
   * null when the post is gone.
   */
  async insert(
    postId: string,
    authorId: string,
    content: string,
  ): Promise<{ comment: CommentRow; likesCount: number; commentsCount: number } | null> {
    const rows = returned<CommentRow & { likes_count: number; comments_count: number }>(
      await this.comments.query(
        `WITH c AS (
           INSERT INTO comments (post_id, author_id, content) SELECT id, $2, $3 FROM posts WHERE id = $1
           RETURNING id, post_id, author_id, content, created_at
         ), counted AS (
           UPDATE posts SET comments_count = comments_count + 1 WHERE id IN (SELECT post_id FROM c)
           RETURNING likes_count, comments_count
         )
         SELECT c.*, u.display_name AS author_name, u.avatar_image_id AS author_avatar_id,
                counted.likes_count, counted.comments_count
           FROM c JOIN users u ON u.id = c.author_id, counted`,
        [postId, authorId, content],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    const { likes_count, comments_count, ...comment } = row;
    return { comment, likesCount: likes_count, commentsCount: comments_count };
  }

  /** One page of a post's comments, oldest first, after the cursor; up to `take` rows. Banned authors' are left out. */
  page(postId: string, after: TimeKey | null, take: number): Promise<CommentRow[]> {
    const params: unknown[] = [postId, take];
    let where = 'c.post_id = $1 AND NOT u.banned';
    if (after) {
      params.push(after.at, after.id);
      where += ' AND (c.created_at, c.id) > ($3::timestamptz, $4::uuid)';
    }
    return this.comments.query(`${WITH_AUTHOR} WHERE ${where} ORDER BY c.created_at, c.id LIMIT $2`, params);
  }

  async find(postId: string, commentId: string): Promise<{ id: string; author_id: string } | null> {
    const rows: Array<{ id: string; author_id: string }> = await this.comments.query(
      `SELECT id, author_id FROM comments WHERE id = $1 AND post_id = $2`,
      [commentId, postId],
    );
    return rows[0] ?? null;
  }

  /** Removes the comment and counts it off the post, in one statement; the new counts, or null when it was gone. */
  async delete(postId: string, commentId: string): Promise<{ likesCount: number; commentsCount: number } | null> {
    const rows = returned<{ likes_count: number; comments_count: number }>(
      await this.comments.query(
        `WITH gone AS (DELETE FROM comments WHERE id = $1 AND post_id = $2 RETURNING post_id)
         UPDATE posts SET comments_count = comments_count - 1 WHERE id IN (SELECT post_id FROM gone)
         RETURNING likes_count, comments_count`,
        [commentId, postId],
      ),
    );
    return rows[0] ? { likesCount: rows[0].likes_count, commentsCount: rows[0].comments_count } : null;
  }
}
