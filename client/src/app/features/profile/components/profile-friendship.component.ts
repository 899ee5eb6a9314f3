import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { FriendRequestDirection, Profile } from '@world-it/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

import { becameFriends, FriendsApiService } from '../../../core/friends/friends-api.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { ConfirmDialogComponent } from '../../../shared/ui/confirm-dialog/confirm-dialog.component';
import { DirectChatService } from '../../chats/data-access/direct-chat.service';

type Action = 'add' | 'cancel' | 'accept' | 'decline' | 'unfriend' | 'block' | 'unblock';

/**
 * What I can do about someone else, as our friendship allows: Add friend / Cancel request / Accept /
 * Decline / Unfriend, Message, and Block (confirmed) or Unblock. Each change shows at once (the
 * parent gets the changed profile) and is put back, with a toast, if the server refuses.
 */
@Component({
  selector: 'wit-profile-friendship',
  imports: [TranslatePipe, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = profile();
    <div
      class="actions"
      data-testid="profile-actions"
      [attr.data-friendship]="p.blockedByMe ? 'blocked' : p.friendship"
    >
      @if (p.blockedByMe) {
        <button
          type="button"
          class="btn btn--primary"
          data-testid="profile-unblock"
          [disabled]="!!busy()"
          (click)="run('unblock')"
        >
          {{ 'profile.unblock' | t }}
        </button>
      } @else {
        @switch (p.friendship) {
          @case ('none') {
            <button
              type="button"
              class="btn btn--primary"
              data-testid="profile-add-friend"
              [disabled]="!!busy()"
              (click)="run('add')"
            >
              {{ 'friends.add' | t }}
            </button>
          }
          @case ('outgoing') {
            <span class="state" data-testid="profile-request-sent" role="status">{{ 'friends.requestSent' | t }}</span>
            <button
              type="button"
              class="btn"
              data-testid="profile-cancel-request"
              [disabled]="!!busy()"
              (click)="run('cancel')"
            >
              {{ 'profile.cancelRequest' | t }}
            </button>
          }
          @case ('incoming') {
            <button
              type="button"
              class="btn btn--primary"
              data-testid="profile-accept"
              [disabled]="!!busy()"
              (click)="run('accept')"
            >
              {{ 'friends.accept' | t }}
            </button>
            <button
              type="button"
              class="btn"
              data-testid="profile-decline"
              [disabled]="!!busy()"
              (click)="run('decline')"
            >
              {{ 'friends.decline' | t }}
            </button>
          }
          @case ('friends') {
            <span class="state state--friends" data-testid="profile-is-friend">
              <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
                <path
                  d="m5 12 5 5 9-10"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="2.2"
                  stroke-linecap="round"
                  stroke-linejoin="round"
                />
              </svg>
              {{ 'profile.isFriend' | t }}
            </span>
          }
          @case ('self') {}
        }
        <button
          type="button"
          class="btn"
          [class.btn--primary]="p.friendship === 'friends'"
          data-testid="profile-message"
          [disabled]="!!direct.opening()"
          [attr.aria-busy]="direct.opening() === p.id"
          (click)="direct.openDirectChat(p.id)"
        >
          @if (direct.opening() === p.id) {
            <span class="spinner" aria-hidden="true"></span>
          }
          {{ 'profile.message' | t }}
        </button>
        @if (p.friendship === 'friends') {
          <button
            type="button"
            class="btn"
            data-testid="profile-unfriend"
            [disabled]="!!busy()"
            (click)="confirming.set('unfriend')"
          >
            {{ 'friends.unfriend' | t }}
          </button>
        }
        <button
          type="button"
          class="btn btn--ghost btn--danger-text"
          data-testid="profile-block"
          [disabled]="!!busy()"
          (click)="confirming.set('block')"
        >
          {{ 'profile.block' | t }}
        </button>
      }
    </div>

    <wit-confirm-dialog
      [open]="confirming() !== null"
      [heading]="(confirming() === 'block' ? 'profile.blockTitle' : 'friends.unfriendTitle') | t"
      [text]="
        (confirming() === 'block' ? 'profile.blockConfirm' : 'friends.unfriendConfirm') | t: { name: p.displayName }
      "
      [confirmLabel]="(confirming() === 'block' ? 'profile.block' : 'friends.unfriend') | t"
      [danger]="true"
      (closed)="confirming.set(null)"
      (confirmed)="confirm()"
    />
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--wit-space-2);
    }
    .state {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-height: 44px;
      padding: 0 var(--wit-space-3);
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-semibold);
      color: var(--wit-color-text-muted);
    }
    .state--friends {
      color: var(--wit-color-success);
    }
    @media (max-width: 719px) {
      .actions > * {
        flex: 1 1 auto;
      }
    }
  `,
})
export class ProfileFriendshipComponent {
  private readonly api = inject(FriendsApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  protected readonly direct = inject(DirectChatService);

  readonly profile = input.required<Profile>();
  /** The profile as it is now: at once (optimistic), then the rollback if the server refused. */
  readonly changed = output<Profile>();

  protected readonly busy = signal<Action | null>(null);
  protected readonly confirming = signal<'block' | 'unfriend' | null>(null);

  protected async confirm(): Promise<void> {
    const action = this.confirming();
    this.confirming.set(null);
    if (action) await this.run(action);
  }

  protected async run(action: Action): Promise<void> {
    if (this.busy()) return;
    const before = this.profile();
    this.busy.set(action);
    this.changed.emit(applied(before, action));
    try {
      const settled = await this.request(before, action);
      if (settled) this.changed.emit(settled);
      if (action === 'block') this.notices.success(this.i18n.t('profile.blocked', { name: before.displayName }));
    } catch (err) {
      this.changed.emit(before);
      this.notices.error(err instanceof RequestGoneError ? this.i18n.t('profile.requestGone') : err);
    } finally {
      this.busy.set(null);
    }
  }

  /** Calls the server; answers a corrected profile when its answer differs from the optimistic guess. */
  private async request(p: Profile, action: Action): Promise<Profile | null> {
    switch (action) {
      case 'add': {
        const result = await firstValueFrom(this.api.sendRequest(p.id));
        // They had asked me first: we are friends now.
        return becameFriends(result) ? { ...p, friendship: 'friends', friendsCount: p.friendsCount + 1 } : null;
      }
      case 'cancel':
        await this.withRequest(p, 'outgoing', (id) => this.api.cancel(id));
        return null;
      case 'accept':
        await this.withRequest(p, 'incoming', (id) => this.api.accept(id));
        return null;
      case 'decline':
        await this.withRequest(p, 'incoming', (id) => this.api.decline(id));
        return null;
      case 'unfriend':
        await firstValueFrom(this.api.unfriend(p.id));
        return null;
      case 'block':
        await firstValueFrom(this.api.block(p.id));
        return null;
      case 'unblock':
        await firstValueFrom(this.api.unblock(p.id));
        return null;
    }
  }

  /** The profile only says a request exists; its id comes from my requests list. */
  private async withRequest(
    p: Profile,
    direction: FriendRequestDirection,
    call: (requestId: string) => Observable<unknown>,
  ): Promise<void> {
    const request = await this.api.findRequest(direction, p.id);
    if (!request) throw new RequestGoneError();
    await firstValueFrom(call(request.id));
  }
}

/** The request the profile spoke of was answered or withdrawn meanwhile. */
class RequestGoneError extends Error {}

/** The profile as the action will leave it. */
function applied(p: Profile, action: Action): Profile {
  switch (action) {
    case 'add':
      return { ...p, friendship: 'outgoing' };
    case 'cancel':
    case 'decline':
      return { ...p, friendship: 'none' };
    case 'accept':
      return { ...p, friendship: 'friends', friendsCount: p.friendsCount + 1 };
    case 'unfriend':
      return { ...p, friendship: 'none', friendsCount: Math.max(0, p.friendsCount - 1) };
    case 'block':
      return {
        ...p,
        blockedByMe: true,
        friendship: 'none',
        // Neither sees the other's presence across a block (the server answers the same from now on).
        online: false,
        lastSeenAt: null,
        friendsCount: p.friendship === 'friends' ? Math.max(0, p.friendsCount - 1) : p.friendsCount,
      };
    case 'unblock':
      return { ...p, blockedByMe: false };
  }
}
