import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A friendly placeholder for a page whose feature is still on its way, or a list with nothing in it. */
@Component({
  selector: 'wit-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="empty card" [attr.aria-labelledby]="headingId()">
      <div class="empty__art" aria-hidden="true"><ng-content select="[emptyIcon]" /></div>
      @if (badge()) {
        <span class="empty__badge">{{ badge() }}</span>
      }
      <h2 class="empty__title" [id]="headingId()">{{ heading() }}</h2>
      <p class="empty__text">{{ text() }}</p>
      <div class="empty__actions"><ng-content /></div>
    </section>
  `,
  styles: `
    .empty {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: var(--wit-space-3);
      padding: var(--wit-space-12) var(--wit-space-6);
    }
    .empty__art {
      display: grid;
      place-items: center;
      width: 88px;
      height: 88px;
      border-radius: 28px;
      color: var(--wit-color-brand);
      background: linear-gradient(135deg, #eef2ff, #e0f2fe);
      box-shadow: inset 0 0 0 1px rgb(79 70 229 / 12%);
    }
    .empty__badge {
      padding: 2px var(--wit-space-3);
      font-size: var(--wit-text-xs);
      font-weight: var(--wit-weight-semibold);
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--wit-color-brand-strong);
      background: var(--wit-color-brand-soft);
      border-radius: var(--wit-radius-full);
    }
    .empty__title {
      font-size: var(--wit-text-xl);
    }
    .empty__text {
      max-width: 46ch;
      color: var(--wit-color-text-muted);
    }
    .empty__actions:empty {
      display: none;
    }
  `,
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly text = input.required<string>();
  readonly badge = input<string | null>(null);
  readonly headingId = input('empty-state-title');
}
