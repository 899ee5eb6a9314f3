import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Comment,
  CommentsPage,
  CreatePostRequest,
  LikeState,
  Post,
  PostsPage,
  PostsQuery,
  TagCount,
  UpdatePostRequest,
} from '@world-it/contracts';
import type { Observable } from 'rxjs';

export const POSTS_PAGE_SIZE = 10;
export const COMMENTS_PAGE_SIZE = 5;

/** The posts, likes, comments and tags endpoints of the contract. */
@Injectable({ providedIn: 'root' })
export class PostsApiService {
  private readonly http = inject(HttpClient);

  list(query: PostsQuery): Observable<PostsPage> {
    let params = new HttpParams().set('limit', String(query.limit ?? POSTS_PAGE_SIZE));
    if (query.scope) params = params.set('scope', query.scope);
    if (query.tag) params = params.set('tag', query.tag);
    if (query.authorId) params = params.set('authorId', query.authorId);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<PostsPage>('/api/posts', { params });
  }

  get(id: string): Observable<Post> {
    return this.http.get<Post>(`/api/posts/${encodeURIComponent(id)}`);
  }

  create(body: CreatePostRequest): Observable<Post> {
    return this.http.post<Post>('/api/posts', body);
  }

  update(id: string, body: UpdatePostRequest): Observable<Post> {
    return this.http.patch<Post>(`/api/posts/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/posts/${encodeURIComponent(id)}`);
  }

  setLiked(id: string, liked: boolean): Observable<LikeState> {
    const url = `/api/posts/${encodeURIComponent(id)}/like`;
    return liked ? this.http.post<LikeState>(url, {}) : this.http.delete<LikeState>(url);
  }

  comments(postId: string, cursor: string | null, limit = COMMENTS_PAGE_SIZE): Observable<CommentsPage> {
    let params = new HttpParams().set('limit', String(limit));
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<CommentsPage>(`/api/posts/${encodeURIComponent(postId)}/comments`, { params });
  }

  addComment(postId: string, content: string): Observable<Comment> {
    return this.http.post<Comment>(`/api/posts/${encodeURIComponent(postId)}/comments`, { content });
  }

  deleteComment(postId: string, commentId: string): Observable<void> {
    return this.http.delete<void>(`/api/posts/${encodeURIComponent(postId)}/comments/${encodeURIComponent(commentId)}`);
  }

  tags(prefix: string): Observable<TagCount[]> {
    return this.http.get<TagCount[]>('/api/tags', { params: new HttpParams().set('prefix', prefix) });
  }
}
