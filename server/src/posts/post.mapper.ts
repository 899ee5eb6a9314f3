import { iso } from '../common/iso-time';
import type { Comment, Post } from '@world-it/contracts';
import { toImage } from '../media/media-urls';
import { toUserSummary } from '../users/user.mapper';
import type { CommentRow } from './comments.repository';
import type { PostRow } from './posts.repository';

/** The contract's Post; `online` of the author comes from presence as the reader may see it. */
export function toPost(row: PostRow, authorOnline: boolean): Post {
  return {
    id: row.id,
    author: toUserSummary(
      { id: row.author_id, displayName: row.author_name, avatarImageId: row.author_avatar_id },
      authorOnline,
    ),
    title: row.title,
    content: row.content,
    tags: row.tags,
    links: row.links,
    images: row.images.map(toImage),
    imagesRemoved: Number(row.images_removed),
    visibility: row.visibility,
    likesCount: Number(row.likes_count),
    commentsCount: Number(row.comments_count),
    likedByMe: row.liked_by_me,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toComment(row: CommentRow, authorOnline: boolean): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    author: toUserSummary(
      { id: row.author_id, displayName: row.author_name, avatarImageId: row.author_avatar_id },
      authorOnline,
    ),
    content: row.content,
    createdAt: iso(row.created_at),
  };
}
