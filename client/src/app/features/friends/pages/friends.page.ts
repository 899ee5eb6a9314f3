import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChildren,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import type { TranslationKey } from '../../../core/i18n/en';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { UiMessagePipe } from '../../../core/i18n/ui-message';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';
import { ConfirmDialogComponent } from '../../../shared/ui/confirm-dialog/confirm-dialog.component';
import { DirectChatService } from '../../chats/data-access/direct-chat.service';
import { FRIEND_TABS, type FriendRow, type FriendTab, FriendsStore, isFriendTab } from '../data-access/friends.store';

interface TabInfo {
  id: FriendTab;
  label: TranslationKey;
  emptyTitle: TranslationKey;
  emptyText: TranslationKey;
}

const TABS: readonly TabInfo[] = [
  {
    id: 'friends',
    label: 'friends.tab.friends',
    emptyTitle: 'friends.none.friends',
    emptyText: 'friends.none.friendsText',
  },
  {
    id: 'incoming',
    label: 'friends.tab.incoming',
    emptyTitle: 'friends.none.incoming',
    emptyText: 'friends.none.incomingText',
  },
  {
    id: 'outgoing',
    label: 'friends.tab.outgoing',
    emptyTitle: 'friends.none.outgoing',
    emptyText: 'friends.none.outgoingText',
  },
  {
    id: 'suggestions',
    label: 'friends.tab.suggestions',
    emptyTitle: 'friends.none.suggestions',
    emptyText: 'friends.none.suggestionsText',
  },
];

/**
 * Friends (`/friends?tab=`): my friends, requests to me and from me, and people I may know, as tabs
 * (the tab lives in the URL, so a reload or a link from the bell opens it).
 */
@Component({
  selector: 'wit-friends-page',
  imports: [TranslatePipe, UiMessagePipe, AvatarComponent, EmptyStateComponent, RouterLink, ConfirmDialogComponent],
  providers: [FriendsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './friends.page.html',
  styleUrl: './friends.page.css',
})
export class FriendsPage {
  protected readonly store = inject(FriendsStore);
  protected readonly direct = inject(DirectChatService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `?tab=` of the URL, bound by the router. */
  readonly tab = input<string | undefined>();

  protected readonly tabs = TABS;
  protected readonly active = computed<FriendTab>(() => {
    const tab = this.tab();
    return isFriendTab(tab) ? tab : 'friends';
  });
  protected readonly activeInfo = computed(() => TABS.find((t) => t.id === this.active()) ?? TABS[0]);
  protected readonly current = computed(() => this.store.state()[this.active()]);
  protected readonly toUnfriend = signal<FriendRow | null>(null);
  protected readonly skeletons = [1, 2, 3, 4];

  private readonly tabButtons = viewChildren<ElementRef<HTMLButtonElement>>('tabButton');

  constructor() {
    effect(() => {
      const tab = this.active();
      untracked(() => this.store.ensure(tab));
    });
    // The counts on the tabs come with these first pages.
    for (const tab of ['incoming', 'friends', 'outgoing'] as const) this.store.ensure(tab);
  }

  protected select(tab: FriendTab): void {
    if (tab === this.active()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'friends' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Arrow keys, Home and End move between the tabs (and open the one reached), as a tablist does. */
  protected onTabKeydown(event: KeyboardEvent, index: number): void {
    const last = FRIEND_TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % FRIEND_TABS.length
        : event.key === 'ArrowLeft'
          ? (index + last) % FRIEND_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    this.select(FRIEND_TABS[next]);
    this.tabButtons()[next]?.nativeElement.focus();
  }

  protected tabLabel(info: TabInfo): string {
    const count = this.store.counts()[info.id];
    const name = this.i18n.t(info.label);
    return count === null ? name : `${name}, ${count}`;
  }

  protected async confirmUnfriend(): Promise<void> {
    const row = this.toUnfriend();
    this.toUnfriend.set(null);
    if (row) await this.store.unfriend(row);
  }
}
