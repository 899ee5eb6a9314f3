import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Post, PostCountsEvent, PostsQuery } from '@world-it/contracts';
import { firstValueFrom, type Subscription } from 'rxjs';

import { genericErrorMessage, type UiMessage } from '../../core/i18n/ui-message';
import { SocketService } from '../../core/socket/socket.service';
import { PostsApiService } from './posts-api.service';

export type PostListState = 'loading' | 'ready' | 'error';

/** A socket payload is only typed at compile time: check it before it touches a card. */
export function isPostCounts(e: unknown): e is PostCountsEvent {
  if (typeof e !== 'object' || e === null) return false;
  const { postId, likesCount, commentsCount } = e as Record<string, unknown>;
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return typeof postId === 'string' && count(likesCount) && count(commentsCount);
}

/**
 * One list of posts (the feed, a tag, a person's posts) in keyset pages: the first page, "more"
 * after the last cursor, and the changes a card reports (like, comment count, edit, delete). Live
 * `post:counts` update the cards it holds. Provided per page.
 */
@Injectable()
export class PostListStore {
  private readonly api = inject(PostsApiService);
  private query: PostsQuery = {};
  private first: Subscription | null = null;
  private more: Subscription | null = null;

  readonly items = signal<readonly Post[]>([]);
  readonly state = signal<PostListState>('loading');
  readonly error = signal<UiMessage | null>(null);
  readonly nextCursor = signal<string | null>(null);
  readonly loadingMore = signal(false);
  readonly moreError = signal<UiMessage | null>(null);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly empty = computed(() => this.state() === 'ready' && this.items().length === 0);

  constructor() {
    inject(SocketService)
      .on('post:counts')
      .pipe(takeUntilDestroyed())
      .subscribe((e: unknown) => {
        if (!isPostCounts(e)) return;
        this.patch(e.postId, { likesCount: e.likesCount, commentsCount: e.commentsCount });
      });
  }

  /** Starts over with the first page of `query` (a new scope, tag or author). */
  load(query: PostsQuery): void {
    this.query = { ...query, cursor: undefined };
    this.first?.unsubscribe();
    this.more?.unsubscribe();
    this.loadingMore.set(false);
    this.moreError.set(null);
    this.state.set('loading');
    this.error.set(null);
    this.first = this.api.list(this.query).subscribe({
      next: (page) => {
        this.items.set(page.items);
        this.nextCursor.set(page.nextCursor);
        this.state.set('ready');
      },
      error: (err: unknown) => {
        this.items.set([]);
        this.nextCursor.set(null);
        this.error.set(genericErrorMessage(err));
        this.state.set('error');
      },
    });
  }

  reload(): void {
    this.load(this.query);
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.state() !== 'ready' || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.more = this.api.list({ ...this.query, cursor }).subscribe({
      next: (page) => {
        const known = new Set(this.items().map((p) => p.id));
        this.items.update((items) => [...items, ...page.items.filter((p) => !known.has(p.id))]);
        this.nextCursor.set(page.nextCursor);
        this.loadingMore.set(false);
      },
      error: (err: unknown) => {
        this.moreError.set(genericErrorMessage(err));
        this.loadingMore.set(false);
      },
    });
  }

  /**
   * Brings the posts published since the first page loaded to the top (the "new posts" banner).
   * Keyset pages are newest first: when the fresh first page reaches the post that was on top, the
   * ones above it are the new ones; when it does not (more new posts than a page), the list starts
   * over from the fresh page. Resolves false when the request failed.
   */
  async loadNewer(): Promise<boolean> {
    try {
      const page = await firstValueFrom(this.api.list({ ...this.query, cursor: undefined }));
      const top = this.items()[0];
      const at = top ? page.items.findIndex((p) => p.id === top.id) : -1;
      if (top && at >= 0) {
        const fresh = page.items.slice(0, at);
        const known = new Set(this.items().map((p) => p.id));
        this.items.update((items) => [...fresh.filter((p) => !known.has(p.id)), ...items]);
      } else {
        this.items.set(page.items);
        this.nextCursor.set(page.nextCursor);
      }
      this.state.set('ready');
      return true;
    } catch {
      return false;
    }
  }

  has(id: string): boolean {
    return this.items().some((p) => p.id === id);
  }

  /** A post I just wrote goes on top at once. */
  prepend(post: Post): void {
    if (this.has(post.id)) return;
    this.items.update((items) => [post, ...items]);
    if (this.state() !== 'ready') this.state.set('ready');
  }

  replace(post: Post): void {
    this.items.update((items) => items.map((p) => (p.id === post.id ? post : p)));
  }

  remove(id: string): void {
    this.items.update((items) => items.filter((p) => p.id !== id));
  }

  private patch(id: string, change: Partial<Post>): void {
    if (!this.has(id)) return;
    this.items.update((items) => items.map((p) => (p.id === id ? { ...p, ...change } : p)));
  }
}
