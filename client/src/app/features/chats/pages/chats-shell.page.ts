import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterOutlet } from '@angular/router';
import type { Room } from '@world-it/contracts';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { SocketService } from '../../../core/socket/socket.service';
import { NewGroupDialogComponent } from '../components/new-group-dialog.component';
import { PublicRoomsComponent } from '../components/public-rooms.component';
import { RoomListComponent } from '../components/room-list.component';
import { ChatsStore } from '../data-access/chats.store';

type SidebarView = 'mine' | 'public';

/**
 * The messenger: room list on the left, the open room (child route) on the right. On phones only
 * one pane shows at a time — the list at /chats, the room at /chats/:roomId.
 */
@Component({
  selector: 'wit-chats-shell',
  imports: [RouterOutlet, TranslatePipe, RoomListComponent, PublicRoomsComponent, NewGroupDialogComponent],
  providers: [ChatsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="messenger" [class.messenger--room]="roomOpen()">
      <aside class="sidebar" aria-labelledby="chats-title">
        <header class="sidebar__head">
          <h1 id="chats-title" class="sidebar__title">{{ 'chats.title' | t }}</h1>
          <button
            type="button"
            class="btn btn--primary btn--sm new"
            data-testid="new-group"
            (click)="newGroupOpen.set(true)"
          >
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
            </svg>
            <span>{{ 'chats.newGroup' | t }}</span>
          </button>
        </header>
        <div class="tabs" role="tablist" [attr.aria-label]="'chats.title' | t">
          <button
            type="button"
            role="tab"
            class="tab"
            id="tab-mine"
            data-testid="my-chats"
            aria-controls="chats-panel"
            [attr.aria-selected]="view() === 'mine'"
            [attr.tabindex]="view() === 'mine' ? 0 : -1"
            (click)="view.set('mine')"
            (keydown.arrowRight)="switchTab('public')"
            (keydown.arrowLeft)="switchTab('public')"
          >
            {{ 'chats.tabMine' | t }}
            @if (store.totalUnread()) {
              <span class="tab__count">{{ store.totalUnread() }}</span>
            }
          </button>
          <button
            type="button"
            role="tab"
            class="tab"
            id="tab-public"
            data-testid="public-rooms"
            aria-controls="chats-panel"
            [attr.aria-selected]="view() === 'public'"
            [attr.tabindex]="view() === 'public' ? 0 : -1"
            (click)="view.set('public')"
            (keydown.arrowLeft)="switchTab('mine')"
            (keydown.arrowRight)="switchTab('mine')"
          >
            {{ 'chats.tabPublic' | t }}
          </button>
        </div>
        @if (connection() !== 'connected') {
          <p class="conn" role="status" data-testid="connection-state">
            <span class="spinner" aria-hidden="true"></span>
            {{ (connection() === 'connecting' ? 'socket.connecting' : 'socket.offline') | t }}
          </p>
        }
        <div
          class="sidebar__body"
          id="chats-panel"
          role="tabpanel"
          [attr.aria-labelledby]="view() === 'mine' ? 'tab-mine' : 'tab-public'"
        >
          @if (view() === 'mine') {
            <wit-room-list />
          } @else {
            <wit-public-rooms />
          }
        </div>
      </aside>
      <section class="pane">
        <router-outlet />
      </section>
    </div>
    <wit-new-group-dialog [open]="newGroupOpen()" (closed)="newGroupOpen.set(false)" (created)="onCreated($event)" />
  `,
  styleUrl: './chats-shell.page.css',
})
export class ChatsShellPage {
  protected readonly store = inject(ChatsStore);
  private readonly router = inject(Router);
  private readonly socket = inject(SocketService);

  protected readonly view = signal<SidebarView>('mine');
  protected readonly newGroupOpen = signal(false);
  protected readonly roomOpen = computed(() => this.store.activeRoomId() !== null);
  protected readonly connection = toSignal(this.socket.connectionState$, { initialValue: 'connecting' as const });

  constructor() {
    this.store.load();
  }

  /** Arrow keys move between the two tabs (the tablist pattern). */
  protected switchTab(view: SidebarView): void {
    this.view.set(view);
    queueMicrotask(() => document.getElementById(view === 'mine' ? 'tab-mine' : 'tab-public')?.focus());
  }

  protected onCreated(room: Room): void {
    this.store.upsert(room, true);
    this.view.set('mine');
    void this.router.navigate(['/chats', room.id]);
  }
}
