import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { NoticeService } from './notice.service';

/** Renders the toasts; errors are announced assertively, the rest politely. */
@Component({
  selector: 'wit-notice-outlet',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="toasts" [attr.aria-label]="'common.notices' | t">
      <div role="status" aria-live="polite" class="toasts__list">
        @for (notice of polite(); track notice.id) {
          <div [class]="'toast toast--' + notice.kind">
            <span class="toast__text">{{ notice.text }}</span>
            <button
              type="button"
              class="toast__close"
              (click)="notices.dismiss(notice.id)"
              [attr.aria-label]="'common.dismiss' | t"
            >
              ×
            </button>
          </div>
        }
      </div>
      <div role="alert" aria-live="assertive" class="toasts__list">
        @for (notice of errors(); track notice.id) {
          <div class="toast toast--error" data-testid="toast-error">
            <span class="toast__text">{{ notice.text }}</span>
            <button
              type="button"
              class="toast__close"
              (click)="notices.dismiss(notice.id)"
              [attr.aria-label]="'common.dismiss' | t"
            >
              ×
            </button>
          </div>
        }
      </div>
    </section>
  `,
  styles: `
    /*
     * Bottom left, clear of the header and of the room header's buttons; on phones above the bottom
     * bar. Newest at the bottom, nearest the edge.
     */
    .toasts {
      position: fixed;
      z-index: 50;
      left: var(--wit-space-4);
      bottom: calc(var(--wit-space-4) + env(safe-area-inset-bottom));
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-2);
      width: min(380px, calc(100vw - 2 * var(--wit-space-4)));
      pointer-events: none;
    }
    .toasts__list {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-2);
    }
    .toast {
      display: flex;
      align-items: flex-start;
      gap: var(--wit-space-3);
      padding: var(--wit-space-3) var(--wit-space-4);
      border-radius: var(--wit-radius-md);
      background: var(--wit-color-surface);
      border: 1px solid var(--wit-color-border);
      border-left: 4px solid var(--wit-color-brand);
      box-shadow: var(--wit-shadow-lg);
      font-size: var(--wit-text-sm);
      pointer-events: auto;
      animation: toast-in 180ms ease-out;
    }
    .toast--error {
      border-left-color: var(--wit-color-danger);
    }
    .toast--success {
      border-left-color: var(--wit-color-success);
    }
    .toast__text {
      flex: 1;
      padding-top: 2px;
    }
    .toast__close {
      flex: none;
      width: 28px;
      height: 28px;
      border: 0;
      border-radius: var(--wit-radius-sm);
      background: transparent;
      color: var(--wit-color-text-muted);
      font-size: 20px;
      line-height: 1;
      cursor: pointer;
    }
    .toast__close:hover {
      background: var(--wit-color-surface-muted);
    }
    @media (max-width: 719px) {
      .toasts {
        bottom: calc(var(--wit-bottom-nav-height) + var(--wit-space-3) + env(safe-area-inset-bottom));
      }
    }
    @keyframes toast-in {
      from {
        opacity: 0;
        transform: translateY(6px);
      }
      to {
        opacity: 1;
        transform: none;
      }
    }
  `,
})
export class NoticeOutletComponent {
  protected readonly notices = inject(NoticeService);
  protected readonly polite = computed(() => this.notices.notices().filter((n) => n.kind !== 'error'));
  protected readonly errors = computed(() => this.notices.notices().filter((n) => n.kind === 'error'));
}
