import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** Friends, requests and suggestions; built with the Friendships issue. */
@Component({
  selector: 'wit-friends-page',
  imports: [TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ 'friends.title' | t }}</h1>
      <wit-empty-state [heading]="'soon.badge' | t" [text]="'friends.empty' | t" headingId="friends-empty-title">
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path
            d="M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 19v-1a4 4 0 0 0-3-3.9M15.5 3.2a3.5 3.5 0 0 1 0 6.6"
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
export class FriendsPage {}
