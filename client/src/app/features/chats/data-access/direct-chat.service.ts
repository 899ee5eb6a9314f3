import { inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { Room } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { errorBody } from '../../../core/http/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { NoticeService } from '../../../core/notice/notice.service';
import { ChatApiService } from './chat-api.service';

/**
 * "Message" buttons anywhere in the app (profiles, people, member pickers): opens — creating on
 * first use — the direct room with a user and navigates to it.
 *
 *   inject(DirectChatService).openDirectChat(profile.id)
 */
@Injectable({ providedIn: 'root' })
export class DirectChatService {
  private readonly api = inject(ChatApiService);
  private readonly router = inject(Router);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly busyFor = signal<string | null>(null);

  /** The user whose direct room is being opened, for a button's busy state. */
  readonly opening = this.busyFor.asReadonly();

  /** Resolves with the room, or null when it could not be opened (a notice explains why). */
  async openDirectChat(userId: string): Promise<Room | null> {
    if (this.busyFor()) return null;
    this.busyFor.set(userId);
    try {
      const room = await firstValueFrom(this.api.openDirect(userId));
      await this.router.navigate(['/chats', room.id]);
      return room;
    } catch (err) {
      // A block either way: say so plainly rather than with the server's wording.
      this.notices.error(errorBody(err)?.code === 'blocked' ? this.i18n.t('chats.composer.blocked') : err);
      return null;
    } finally {
      this.busyFor.set(null);
    }
  }
}

/** Function form for callers that prefer it: `openDirectChat(userId)` inside an injection context. */
export function injectOpenDirectChat(): (userId: string) => Promise<Room | null> {
  const service = inject(DirectChatService);
  return (userId) => service.openDirectChat(userId);
}
