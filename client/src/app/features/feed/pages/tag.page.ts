import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { normaliseTag } from '../../../shared/posts/post-fields';
import { PostListComponent } from '../../../shared/posts/post-list.component';
import { PostListStore } from '../../../shared/posts/post-list.store';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** `/tags/:name`: every post I may see with that tag, newest first. */
@Component({
  selector: 'wit-tag-page',
  imports: [RouterLink, TranslatePipe, PostListComponent, EmptyStateComponent],
  providers: [PostListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page tag-page">
      <header class="head">
        <a class="back" routerLink="/">
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
            <path d="m15 5-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          {{ 'posts.tag.back' | t }}
        </a>
        <h1 class="page__title" data-testid="tag-title">#{{ tag() }}</h1>
        <p class="page__subtitle">{{ 'posts.tag.subtitle' | t: { tag: tag() } }}</p>
      </header>
      <wit-post-list [label]="'posts.tag.subtitle' | t: { tag: tag() }">
        <wit-empty-state
          data-testid="tag-empty"
          headingId="tag-empty-title"
          [heading]="'posts.tag.emptyTitle' | t: { tag: tag() }"
          [text]="'posts.tag.emptyText' | t"
        >
          <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
            <path
              d="M5 9h14M5 15h14M10 4 8 20M16 4l-2 16"
              fill="none"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linecap="round"
            />
          </svg>
          <a class="btn btn--primary" routerLink="/">{{ 'posts.tag.write' | t }}</a>
        </wit-empty-state>
      </wit-post-list>
    </div>
  `,
  styles: `
    .tag-page {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-4);
      max-width: 680px;
    }
    .head {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-1);
    }
    .back {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      align-self: flex-start;
      font-size: var(--wit-text-sm);
    }
    .page__title {
      overflow-wrap: anywhere;
    }
  `,
})
export class TagPage {
  private readonly store = inject(PostListStore);
  readonly name = input<string>('');
  protected readonly tag = computed(() => normaliseTag(this.name() ?? ''));

  constructor() {
    effect(() => {
      const tag = this.tag();
      untracked(() => this.store.load({ scope: 'all', tag }));
    });
  }
}
