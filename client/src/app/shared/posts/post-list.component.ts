import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';

import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { UiMessagePipe } from '../../core/i18n/ui-message';
import { PostCardComponent } from './post-card.component';
import { PostListStore } from './post-list.store';

/** How far below the screen the next page starts loading. */
const AHEAD_PX = 600;

/**
 * The cards of a PostListStore: a skeleton while the first page loads, an error with Retry, the
 * caller's empty state (projected) when there is nothing, and the next page as the end scrolls
 * into view — with a "Load more" button for when the observer cannot help (or a page failed).
 */
@Component({
  selector: 'wit-post-list',
  imports: [TranslatePipe, UiMessagePipe, PostCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (store.state()) {
      @case ('loading') {
        <div class="skeleton" data-testid="posts-loading" aria-hidden="true">
          @for (i of [1, 2]; track i) {
            <div class="card sk-card">
              <div class="sk-head">
                <span class="sk sk--pic"></span><span class="sk sk--line" style="width: 30%"></span>
              </div>
              <span class="sk sk--line" style="width: 60%"></span>
              <span class="sk sk--line"></span>
              <span class="sk sk--line" style="width: 85%"></span>
              <span class="sk sk--block"></span>
            </div>
          }
        </div>
        <p class="visually-hidden" role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('error') {
        <div class="alert alert--error" role="alert" data-testid="posts-error">
          <p>{{ 'posts.loadError' | t }} {{ store.error() | msg }}</p>
          <button type="button" class="btn btn--sm" data-testid="posts-retry" (click)="store.reload()">
            {{ 'posts.retry' | t }}
          </button>
        </div>
      }
      @case ('ready') {
        @if (store.empty()) {
          <ng-content />
        } @else {
          <ul class="list" data-testid="post-list" [attr.aria-label]="label()">
            @for (post of store.items(); track post.id) {
              <li>
                <wit-post-card [post]="post" (changed)="store.replace($event)" (deleted)="store.remove($event)" />
              </li>
            }
          </ul>
        }
      }
    }
    <div #sentinel class="sentinel" aria-hidden="true"></div>
    @if (store.state() === 'ready' && store.hasMore()) {
      <div class="more">
        @if (store.moreError(); as e) {
          <p class="more__error" role="alert">{{ 'posts.moreError' | t }} {{ e | msg }}</p>
        }
        <button
          type="button"
          class="btn"
          data-testid="posts-more"
          [disabled]="store.loadingMore()"
          (click)="store.loadMore()"
        >
          @if (store.loadingMore()) {
            <span class="spinner" aria-hidden="true"></span>
          }
          {{ 'posts.loadMore' | t }}
        </button>
      </div>
    } @else if (store.state() === 'ready' && !store.empty() && store.items().length > 3) {
      <p class="end" data-testid="posts-end">{{ 'posts.end' | t }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
    }
    .list {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .skeleton {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
    }
    .sk-card {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
    }
    .sk-head {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
    }
    .sk {
      display: block;
      border-radius: var(--wit-radius-sm);
      background: linear-gradient(
        90deg,
        var(--wit-color-surface-muted) 25%,
        #e7eaf3 50%,
        var(--wit-color-surface-muted) 75%
      );
      background-size: 200% 100%;
      animation: shimmer 1.4s infinite linear;
    }
    .sk--pic {
      width: 44px;
      height: 44px;
      border-radius: 50%;
    }
    .sk--line {
      height: 14px;
      width: 100%;
    }
    .sk--block {
      height: 160px;
    }
    @keyframes shimmer {
      to {
        background-position: -200% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .sk {
        animation: none;
      }
    }
    .sentinel {
      height: 1px;
      margin-top: -1px;
    }
    .more {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--wit-space-2);
    }
    .more__error {
      color: var(--wit-color-danger);
      font-size: var(--wit-text-sm);
      text-align: center;
    }
    .end {
      text-align: center;
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
  `,
})
export class PostListComponent {
  protected readonly store = inject(PostListStore);
  readonly label = input('');
  private readonly sentinel = viewChild.required<ElementRef<HTMLElement>>('sentinel');

  private observing = false;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) this.maybeMore();
        },
        { rootMargin: `${AHEAD_PX}px` },
      );
      observer.observe(this.sentinel().nativeElement);
      this.observing = true;
      destroyRef.onDestroy(() => observer.disconnect());
    });
    // The observer speaks only when the end crosses into view: a page too short to push it back
    // out would leave the next one unasked, so check again whenever a page has landed.
    effect(() => {
      this.store.items();
      if (this.store.loadingMore() || !this.observing) return;
      requestAnimationFrame(() => {
        const rect = this.sentinel().nativeElement.getBoundingClientRect();
        if (rect.top < window.innerHeight + AHEAD_PX) this.maybeMore();
      });
    });
  }

  private maybeMore(): void {
    // A page that failed waits for the button: scrolling must not hammer a failing server.
    if (!this.store.moreError()) this.store.loadMore();
  }
}
