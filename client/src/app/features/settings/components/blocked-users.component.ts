import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { UserSummary } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { FriendsApiService } from '../../../core/friends/friends-api.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';

/** The people I block, newest first, each with Unblock. */
@Component({
  selector: 'wit-blocked-users',
  imports: [TranslatePipe, UiMessagePipe, AvatarComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="alert alert--error" role="alert">
        <p>{{ 'settings.blockedError' | t }} {{ e | msg }}</p>
        <button type="button" class="btn btn--sm" (click)="load()">{{ 'friends.retry' | t }}</button>
      </div>
    } @else if (loading() && !people().length) {
      <p class="muted" role="status">{{ 'app.loading' | t }}</p>
    } @else if (!people().length) {
      <p class="muted" data-testid="blocked-empty">{{ 'settings.blockedEmpty' | t }}</p>
    } @else {
      <ul class="list" data-testid="blocked-list">
        @for (person of people(); track person.id) {
          <li class="row" data-testid="blocked-row" [attr.data-user-id]="person.id">
            <a class="row__who" [routerLink]="['/people', person.id]">
              <wit-avatar [name]="person.displayName" [url]="person.avatarUrl" [size]="36" />
              <span class="row__name">{{ person.displayName }}</span>
            </a>
            <button
              type="button"
              class="btn btn--sm"
              data-testid="blocked-unblock"
              [disabled]="busy().has(person.id)"
              [attr.aria-label]="'settings.unblockName' | t: { name: person.displayName }"
              (click)="unblock(person)"
            >
              {{ 'profile.unblock' | t }}
            </button>
          </li>
        }
      </ul>
      @if (nextCursor()) {
        <button type="button" class="btn btn--sm more" [disabled]="loading()" (click)="load(nextCursor())">
          {{ 'friends.loadMore' | t }}
        </button>
      }
    }
  `,
  styles: `
    .muted {
      color: var(--wit-color-text-muted);
    }
    .list {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .row {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      padding: var(--wit-space-2) 0;
      border-bottom: 1px solid var(--wit-color-border);
    }
    .row:last-child {
      border-bottom: 0;
    }
    .row__who {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      flex: 1;
      min-width: 0;
      color: inherit;
      text-decoration: none;
    }
    .row__name {
      font-weight: var(--wit-weight-medium);
      overflow-wrap: anywhere;
    }
    .more {
      margin-top: var(--wit-space-3);
    }
  `,
})
export class BlockedUsersComponent {
  private readonly api = inject(FriendsApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly people = signal<readonly UserSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  constructor() {
    this.load();
  }

  protected load(cursor: string | null = null): void {
    this.loading.set(true);
    this.error.set(null);
    this.api
      .blocked(cursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.people.update((list) => {
            const base = cursor ? list : [];
            const seen = new Set(base.map((u) => u.id));
            return [...base, ...page.items.filter((u) => !seen.has(u.id))];
          });
          this.nextCursor.set(page.nextCursor);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }

  /** Leaves the list at once; comes back (with a toast) if the server refuses. */
  protected async unblock(person: UserSummary): Promise<void> {
    const before = this.people();
    this.busy.update((s) => new Set(s).add(person.id));
    this.people.update((list) => list.filter((u) => u.id !== person.id));
    try {
      await firstValueFrom(this.api.unblock(person.id));
      this.notices.success(this.i18n.t('settings.unblocked', { name: person.displayName }));
    } catch (err) {
      this.people.set(before);
      this.notices.error(err);
    } finally {
      this.busy.update((s) => {
        const next = new Set(s);
        next.delete(person.id);
        return next;
      });
    }
  }
}
