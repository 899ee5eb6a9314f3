import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { Post } from '@world-it/contracts';
import { catchError, map, merge, of, Subject, switchMap } from 'rxjs';

import { errorStatus } from '../../../core/http/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { SocketService } from '../../../core/socket/socket.service';
import { PostCardComponent } from '../../../shared/posts/post-card.component';
import { isPostCounts } from '../../../shared/posts/post-list.store';
import { PostsApiService } from '../../../shared/posts/posts-api.service';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; post: Post }
  | { status: 'missing' }
  | { status: 'error'; error: UiMessage };

/** `/posts/:id`: one post with its comments open — where a like or comment notification leads. */
@Component({
  selector: 'wit-post-page',
  imports: [RouterLink, TranslatePipe, UiMessagePipe, PostCardComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page post-page">
      <a class="back" routerLink="/">
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
          <path d="m15 5-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        {{ 'posts.tag.back' | t }}
      </a>
      <h1 class="visually-hidden">{{ heading() }}</h1>
      @switch (state().status) {
        @case ('loading') {
          <div class="card sk" aria-hidden="true"></div>
          <p class="visually-hidden" role="status">{{ 'app.loading' | t }}</p>
        }
        @case ('missing') {
          <wit-empty-state
            data-testid="post-missing"
            headingId="post-missing-title"
            [heading]="'posts.page.missingTitle' | t"
            [text]="'posts.page.missingText' | t"
          >
            <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
              <path
                d="M6 3h9l3 3v15H6V3ZM9 12l6 6M15 12l-6 6"
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linejoin="round"
              />
            </svg>
            <a class="btn btn--primary" routerLink="/">{{ 'notFound.home' | t }}</a>
          </wit-empty-state>
        }
        @case ('error') {
          <div class="alert alert--error" role="alert">
            <p>{{ 'posts.loadError' | t }} {{ loadError() | msg }}</p>
            <button type="button" class="btn btn--sm" (click)="retries.next()">{{ 'posts.retry' | t }}</button>
          </div>
        }
      }
      @if (post(); as p) {
        <wit-post-card
          [post]="p"
          [showComments]="true"
          [linkTitle]="false"
          (changed)="setPost($event)"
          (deleted)="onDeleted()"
        />
      }
    </div>
  `,
  styles: `
    .post-page {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
      max-width: 680px;
    }
    .back {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      align-self: flex-start;
      font-size: var(--wit-text-sm);
    }
    .sk {
      height: 280px;
      background: var(--wit-color-surface-muted);
    }
  `,
})
export class PostPage {
  private readonly api = inject(PostsApiService);
  private readonly router = inject(Router);
  readonly id = input<string>('');

  protected readonly retries = new Subject<void>();
  protected readonly state = signal<Loaded>({ status: 'loading' });
  protected readonly post = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.post : null;
  });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : null;
  });
  protected readonly heading = computed(() => this.post()?.title ?? '');

  constructor() {
    merge(toObservable(this.id), this.retries.pipe(map(() => this.id())))
      .pipe(
        switchMap((id) => {
          this.state.set({ status: 'loading' });
          return this.api.get(id).pipe(
            map((post): Loaded => ({ status: 'ready', post })),
            catchError((err: unknown) => {
              const status = errorStatus(err);
              // 400 (not an id) and 403/404 (gone, or not mine to see) read the same to a person.
              return of<Loaded>(
                status === 404 || status === 400 || status === 403
                  ? { status: 'missing' }
                  : { status: 'error', error: genericErrorMessage(err) },
              );
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((s) => this.state.set(s));

    inject(SocketService)
      .on('post:counts')
      .pipe(takeUntilDestroyed())
      .subscribe((e: unknown) => {
        const p = this.post();
        if (!p || !isPostCounts(e) || e.postId !== p.id) return;
        this.setPost({ ...p, likesCount: e.likesCount, commentsCount: e.commentsCount });
      });
  }

  protected setPost(post: Post): void {
    this.state.set({ status: 'ready', post });
  }

  protected onDeleted(): void {
    void this.router.navigateByUrl('/');
  }
}
