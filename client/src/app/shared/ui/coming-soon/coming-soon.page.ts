import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import type { TranslationKey } from '../../../core/i18n/en';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../empty-state/empty-state.component';

const ICON_PATHS = {
  feed: 'M4 5h16M4 12h16M4 19h10',
  friends:
    'M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 19v-1a4 4 0 0 0-3-3.9M15.5 3.2a3.5 3.5 0 0 1 0 6.6',
} as const;

export type ComingSoonIcon = keyof typeof ICON_PATHS;

/** The route data a `ComingSoonPage` reads (bound to its inputs by the router). */
export interface ComingSoonData {
  titleKey: TranslationKey;
  messageKey: TranslationKey;
  icon: ComingSoonIcon;
}

/** A section whose feature is still on its way (the feed, friends): its title and a "coming soon" card. */
@Component({
  selector: 'wit-coming-soon-page',
  imports: [TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ titleKey() | t }}</h1>
      <wit-empty-state [heading]="'soon.badge' | t" [text]="messageKey() | t" [headingId]="headingId()">
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path
            [attr.d]="iconPath()"
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
export class ComingSoonPage {
  readonly titleKey = input.required<TranslationKey>();
  readonly messageKey = input.required<TranslationKey>();
  readonly icon = input.required<ComingSoonIcon>();

  protected readonly iconPath = computed(() => ICON_PATHS[this.icon()]);
  protected readonly headingId = computed(() => `${this.icon()}-empty-title`);
}
