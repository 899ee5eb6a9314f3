import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';

import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { NotificationsPanelComponent } from './notifications-panel.component';
import { NotificationsStore } from './notifications.store';

/**
 * The bell in the header: an unread badge kept live by the socket, and a popover (a full-width sheet
 * on phones) with my notifications, loaded on first open. Escape closes it and gives focus back to
 * the bell.
 */
@Component({
  selector: 'wit-notifications-bell',
  imports: [TranslatePipe, NotificationsPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'bell',
    '(document:click)': 'onDocumentClick($event)',
    '(keydown.escape)': 'close(true)',
  },
  template: `
    <button
      #trigger
      type="button"
      class="bell__btn"
      data-testid="notifications-bell"
      aria-haspopup="dialog"
      aria-controls="notifications-panel"
      [attr.aria-expanded]="open()"
      [attr.aria-label]="label()"
      (click)="toggle()"
    >
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9ZM10 19a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          stroke-width="1.9"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
      @if (store.unreadCount() > 0) {
        <span class="bell__badge" data-testid="notifications-badge" aria-hidden="true">{{ badge() }}</span>
      }
    </button>
    <span class="visually-hidden" aria-live="polite">{{ announcement() }}</span>

    @if (open()) {
      @defer (on immediate) {
        <wit-notifications-panel (closeRequest)="close($event)" />
      } @loading {
        <span class="visually-hidden" role="status">{{ 'app.loading' | t }}</span>
      }
    }
  `,
  styles: `
    :host {
      position: relative;
      display: inline-flex;
    }
    .bell__btn {
      position: relative;
      display: inline-grid;
      place-items: center;
      width: 40px;
      height: 40px;
      padding: 0;
      color: var(--wit-color-text-muted);
      background: transparent;
      border: 1px solid var(--wit-color-border);
      border-radius: 50%;
      cursor: pointer;
    }
    .bell__btn:hover,
    .bell__btn[aria-expanded='true'] {
      color: var(--wit-color-text);
      background: var(--wit-color-surface-muted);
    }
    .bell__badge {
      position: absolute;
      top: -4px;
      right: -6px;
      min-width: 20px;
      height: 20px;
      padding: 0 5px;
      border-radius: var(--wit-radius-full);
      font-size: 11px;
      font-weight: var(--wit-weight-bold);
      line-height: 20px;
      text-align: center;
      color: #fff;
      background: var(--wit-color-danger);
      border: 2px solid var(--wit-color-surface);
      box-sizing: content-box;
    }
  `,
})
export class NotificationsBellComponent {
  protected readonly store = inject(NotificationsStore);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly open = signal(false);
  private readonly trigger = viewChild.required<ElementRef<HTMLButtonElement>>('trigger');

  protected readonly badge = computed(() => {
    const n = this.store.unreadCount();
    return n > 99 ? '99+' : String(n);
  });
  protected readonly label = computed(() => {
    const n = this.store.unreadCount();
    return n > 0 ? this.i18n.t('notifications.bellLabel', { n }) : this.i18n.t('notifications.title');
  });
  /** Read out when the count goes up while the page is open. */
  protected readonly announcement = computed(() => {
    const n = this.store.unreadCount();
    return n > 0 ? this.i18n.t('notifications.unreadCount', { n }) : '';
  });

  protected toggle(): void {
    if (this.open()) this.close(false);
    else this.open.set(true);
  }

  close(returnFocus: boolean): void {
    if (!this.open()) return;
    this.open.set(false);
    this.store.settle();
    if (returnFocus) this.trigger().nativeElement.focus();
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.close(false);
  }
}
