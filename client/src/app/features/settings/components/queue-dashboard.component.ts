import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { QUEUE_DASHBOARD_URL, QueueDashboardApiService } from '../data-access/queue-dashboard-api.service';

/**
 * Admins only: opens the queue dashboard in a new tab. The board is a server page that cannot send
 * our bearer token, so the session cookie is fetched first; the tab is opened at the click itself
 * (a tab opened after a request has finished is taken for a pop-up and blocked) and sent to the
 * board once the cookie is set.
 */
@Component({
  selector: 'wit-queue-dashboard',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="btn btn--primary"
      data-testid="settings-queue-dashboard"
      [disabled]="opening()"
      [attr.aria-busy]="opening()"
      (click)="open()"
    >
      {{ 'settings.queuesOpen' | t }}
    </button>
  `,
})
export class QueueDashboardComponent {
  private readonly api = inject(QueueDashboardApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  readonly opening = signal(false);

  open(): void {
    const tab = window.open('', '_blank');
    this.opening.set(true);
    this.api
      .openSession()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.opening.set(false);
          if (tab) {
            tab.opener = null;
            tab.location.href = QUEUE_DASHBOARD_URL;
          } else {
            window.open(QUEUE_DASHBOARD_URL, '_blank', 'noopener');
          }
        },
        error: () => {
          this.opening.set(false);
          tab?.close();
          this.notices.error(this.i18n.t('settings.queuesFailed'));
        },
      });
  }
}
