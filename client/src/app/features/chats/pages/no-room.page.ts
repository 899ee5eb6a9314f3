import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** The right pane on desktop before a room is chosen. */
@Component({
  selector: 'wit-no-room-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="none">
      <div class="none__art" aria-hidden="true">
        <svg width="44" height="44" viewBox="0 0 24 24">
          <path
            d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.6"
            stroke-linejoin="round"
          />
          <path d="M8.5 12h.01M12 12h.01M15.5 12h.01" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
        </svg>
      </div>
      <h2 class="none__title">{{ 'chats.selectRoom' | t }}</h2>
      <p class="none__text">{{ 'chats.selectRoomText' | t }}</p>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex: 1;
    }
    .none {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--wit-space-3);
      padding: var(--wit-space-8);
      text-align: center;
      background:
        radial-gradient(circle at 30% 20%, #eef2ff 0, transparent 45%),
        radial-gradient(circle at 80% 80%, #e0f2fe 0, transparent 40%), var(--wit-color-bg);
    }
    .none__art {
      display: grid;
      place-items: center;
      width: 88px;
      height: 88px;
      border-radius: 28px;
      color: var(--wit-color-brand);
      background: var(--wit-color-surface);
      box-shadow: var(--wit-shadow-md);
    }
    .none__title {
      font-size: var(--wit-text-xl);
    }
    .none__text {
      max-width: 40ch;
      color: var(--wit-color-text-muted);
    }
  `,
})
export class NoRoomPage {}
