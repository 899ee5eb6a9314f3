import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PostListComponent } from '../../../shared/posts/post-list.component';
import { PostListStore } from '../../../shared/posts/post-list.store';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** A profile's Posts tab: this person's posts I may see, newest first. */
@Component({
  selector: 'wit-profile-posts',
  imports: [RouterLink, TranslatePipe, PostListComponent, EmptyStateComponent],
  providers: [PostListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-post-list data-testid="profile-posts" [label]="'profile.tabPosts' | t">
      <wit-empty-state
        data-testid="profile-posts-empty"
        headingId="profile-posts-empty-title"
        [heading]="'profile.postsEmptyTitle' | t"
        [text]="(isMe() ? 'profile.postsEmptyMine' : 'profile.postsEmpty') | t"
      >
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path
            d="M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
        @if (isMe()) {
          <a class="btn btn--primary" routerLink="/">{{ 'feed.writeFirst' | t }}</a>
        }
      </wit-empty-state>
    </wit-post-list>
  `,
})
export class ProfilePostsComponent {
  private readonly store = inject(PostListStore);
  readonly userId = input.required<string>();
  readonly isMe = input(false);

  constructor() {
    effect(() => {
      const authorId = this.userId();
      untracked(() => this.store.load({ scope: 'all', authorId }));
    });
  }
}
