import type { Page, PageQuery } from './common';
import type { Image } from './media';
import type { UserSummary } from './users';

export type PostVisibility = 'public' | 'friends';
export const POST_VISIBILITIES: readonly PostVisibility[] = ['public', 'friends'];

/** GET /api/posts `scope`: `feed` = mine and my friends' posts; `all` = every post I may see. */
export type PostScope = 'feed' | 'all';
export const POST_SCOPES: readonly PostScope[] = ['feed', 'all'];

export const POST_TITLE_MAX = 255;
export const POST_CONTENT_MAX = 10_000;
export const POST_TAGS_MAX = 10;
export const POST_TAG_MAX_LENGTH = 50;
export const POST_LINKS_MAX = 10;
export const POST_LINK_MAX_LENGTH = 2048;
export const POST_IMAGES_MAX = 10;
export const COMMENT_CONTENT_MAX = 2000;
export const TAG_SUGGESTIONS_MAX = 10;

export interface Post {
  id: string;
  author: UserSummary;
  title: string;
  content: string;
  /** Normalised: lower-case, without `#`, in the author's order. */
  tags: string[];
  /** http/https URLs, in the author's order. */
  links: string[];
  /** In the author's order; an image its owner deleted since is left out (see `imagesRemoved`). */
  images: Image[];
  /** How many of the post's images their owner deleted since (the card shows a "removed" placeholder). */
  imagesRemoved: number;
  visibility: PostVisibility;
  likesCount: number;
  commentsCount: number;
  likedByMe: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/posts */
export interface PostsQuery extends PageQuery {
  scope?: PostScope;
  tag?: string;
  authorId?: string;
}

/** POST /api/posts */
export interface CreatePostRequest {
  title: string;
  content: string;
  tags?: string[];
  links?: string[];
  imageIds?: string[];
  visibility?: PostVisibility;
}

/** PATCH /api/posts/:id — any of the fields; a list given replaces the old one. */
export type UpdatePostRequest = Partial<CreatePostRequest>;

/** POST/DELETE /api/posts/:id/like */
export interface LikeState {
  likesCount: number;
  likedByMe: boolean;
}

export interface Comment {
  id: string;
  postId: string;
  author: UserSummary;
  content: string;
  createdAt: string;
}

/** POST /api/posts/:id/comments */
export interface CreateCommentRequest {
  content: string;
}

/** GET /api/tags?prefix= */
export interface TagCount {
  name: string;
  postsCount: number;
}

export type PostsPage = Page<Post>;
export type CommentsPage = Page<Comment>;

/** Socket `post:new`: someone whose posts I see in my feed (a friend, or me on another device) just posted. */
export interface PostNewEvent {
  postId: string;
  authorId: string;
  createdAt: string;
}

/** Socket `post:counts`: a post's counters changed (to its author and to whoever changed them). */
export interface PostCountsEvent {
  postId: string;
  likesCount: number;
  commentsCount: number;
}
