import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** The feed of posts from you and your friends; posts arrive with the Posts issue. */
@Component({
  selector: 'wit-feed-page',
  imports: [TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ 'feed.title' | t }}</h1>
      <wit-empty-state [heading]="'soon.badge' | t" [text]="'feed.empty' | t" headingId="feed-empty-title">
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path
            d="M4 5h16M4 12h16M4 19h10"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      </wit-empty-state>
    </div>
  `,
})
export class FeedPage {}
