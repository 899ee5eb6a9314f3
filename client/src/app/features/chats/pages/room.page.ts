import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/en';
import { NoticeService } from '../../../core/notice/notice.service';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { ComposerComponent, type ComposerSend } from '../components/composer.component';
import { ConfirmDialogComponent } from '../../../shared/ui/confirm-dialog/confirm-dialog.component';
import { LightboxComponent, type LightboxItem } from '../../../shared/ui/lightbox/lightbox.component';
import { MessageListComponent } from '../components/message-list.component';
import { RoomSettingsDialogComponent } from '../components/room-settings-dialog.component';
import { roomAvatar, typingLabel } from '../data-access/chat-format';
import type { ChatMessage } from '../data-access/chat-models';
import { ChatsStore } from '../data-access/chats.store';
import { RoomStore } from '../data-access/room.store';

const ERROR_KEYS: Partial<Record<string, TranslationKey>> = {
  rate_limited: 'chats.msg.rateLimited',
  blocked: 'chats.msg.blocked',
  forbidden: 'chats.msg.forbidden',
};

/** One room: header, history, typing indicator and composer (or Join for a public room I only read). */
@Component({
  selector: 'wit-room-page',
  imports: [
    RouterLink,
    TranslatePipe,
    AvatarComponent,
    MessageListComponent,
    ComposerComponent,
    LightboxComponent,
    ConfirmDialogComponent,
    RoomSettingsDialogComponent,
  ],
  providers: [RoomStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './room.page.html',
  styleUrl: './room.page.css',
})
export class RoomPage {
  protected readonly store = inject(RoomStore);
  private readonly chats = inject(ChatsStore);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notices = inject(NoticeService);
  private readonly router = inject(Router);

  /** Bound from the route parameter. */
  readonly roomId = input.required<string>();

  private readonly composer = viewChild(ComposerComponent);
  protected readonly myId = computed(() => this.auth.me()?.id ?? null);
  protected readonly lightbox = signal<ChatMessage | null>(null);
  /** The opened message's picture, as the shared lightbox shows it. */
  protected readonly lightboxItems = computed<LightboxItem[]>(() => {
    const m = this.lightbox();
    if (!m?.image) return [];
    return [
      {
        url: m.localImageUrl ?? m.image.url,
        originalUrl: m.image.url,
        width: m.image.width,
        height: m.image.height,
        alt: this.i18n.t('chats.msg.image', { name: m.author.displayName }),
        caption: m.author.displayName,
      },
    ];
  });
  protected readonly toDelete = signal<ChatMessage | null>(null);
  protected readonly settingsOpen = signal(false);
  protected readonly joining = signal(false);

  protected readonly avatar = computed(() => {
    const room = this.store.room();
    return room ? roomAvatar(room, this.myId()) : null;
  });
  protected readonly peerOnline = computed(() => {
    const peer = this.store.peer();
    if (!peer) return false;
    const listed = this.chats.room(this.roomId())?.members.find((m) => m.id === peer.id);
    return listed?.online ?? peer.online;
  });
  protected readonly typing = computed(() => {
    const names = (this.chats.typing()[this.roomId()] ?? []).map((u) => u.name);
    return typingLabel(names, (k, p) => this.i18n.t(k, p));
  });
  protected readonly subtitle = computed(() => {
    const room = this.store.room();
    if (!room) return '';
    if (room.kind === 'direct') return this.i18n.t(this.peerOnline() ? 'chats.online' : 'chats.offline');
    const visibility = this.i18n.t(room.visibility === 'public' ? 'chats.public' : 'chats.private');
    return `${this.i18n.t('chats.members', { n: room.membersCount })} · ${visibility}`;
  });

  constructor() {
    effect(() => {
      const id = this.roomId();
      untracked(() => {
        this.store.open(id);
        this.chats.activeRoomId.set(id);
        this.lightbox.set(null);
        this.settingsOpen.set(false);
      });
    });
    effect(() => {
      if (this.store.state() !== 'removed') return;
      untracked(() => {
        this.notices.info(this.i18n.t('chats.room.removed'));
        void this.router.navigate(['/chats']);
      });
    });
    inject(DestroyRef).onDestroy(() => this.chats.activeRoomId.set(null));
  }

  protected onSend(event: ComposerSend): void {
    this.store.send(event.content, event.image);
  }

  protected async onEdit(event: { message: ChatMessage; content: string }): Promise<void> {
    const error = await this.store.edit(event.message.id, event.content);
    if (error) this.notices.error(this.i18n.t(ERROR_KEYS[error] ?? 'chats.msg.errorEdit'));
  }

  protected async confirmDelete(): Promise<void> {
    const message = this.toDelete();
    if (!message) return;
    this.toDelete.set(null);
    const error = await this.store.remove(message.id);
    if (error) this.notices.error(this.i18n.t(ERROR_KEYS[error] ?? 'chats.msg.errorDelete'));
  }

  protected async join(): Promise<void> {
    this.joining.set(true);
    const ok = await this.store.join();
    this.joining.set(false);
    if (ok) {
      this.notices.success(this.i18n.t('chats.joinedNotice', { name: this.store.room()?.name ?? '' }));
      setTimeout(() => this.composer()?.focus());
    } else {
      this.notices.error(this.i18n.t('errors.unknown'));
    }
  }

  protected onGone(): void {
    this.settingsOpen.set(false);
    this.chats.remove(this.roomId());
    void this.router.navigate(['/chats']);
  }
}
