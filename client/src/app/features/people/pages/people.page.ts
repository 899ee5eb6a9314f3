import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** People search; built with the Profiles issue. */
@Component({
  selector: 'wit-people-page',
  imports: [TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ 'people.title' | t }}</h1>
      <wit-empty-state [heading]="'soon.badge' | t" [text]="'people.empty' | t" headingId="people-empty-title">
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path d="M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM21 21l-4.3-4.3" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </wit-empty-state>
    </div>
  `,
})
export class PeoplePage {}
