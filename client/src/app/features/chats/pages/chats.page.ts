import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** Placeholder for the chat list; the Chat issue replaces this page (see chats.routes.ts). */
@Component({
  selector: 'wit-chats-page',
  imports: [TranslatePipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ 'chats.title' | t }}</h1>
      <wit-empty-state [heading]="'soon.badge' | t" [text]="'chats.empty' | t" headingId="chats-empty-title">
        <svg emptyIcon width="40" height="40" viewBox="0 0 24 24">
          <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </wit-empty-state>
    </div>
  `,
})
export class ChatsPage {}
