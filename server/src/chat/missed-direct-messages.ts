import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { PresenceService } from '../realtime/presence.service';
import { UnreadDigestScheduler } from './unread-digest.scheduler';

export interface StoredDirectMessage {
  id: string;
  roomId: string;
  authorId: string;
}

/**
 * The one rule for "the recipient of a direct message had no connected socket" (no socket on any API
 * process when the message was stored), and what follows from it: a `message.missed` domain event per
 * such recipient (the notifications feature listens) and the unread-digest email. One presence round trip.
 */
@Injectable()
export class MissedDirectMessages {
  private readonly log = new Logger('MissedDirectMessages');

  constructor(
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
    private readonly digest: UnreadDigestScheduler,
  ) {}

  /** Never throws: the message is already stored and delivered to whoever is connected. */
  async stored(message: StoredDirectMessage, recipientIds: string[]): Promise<void> {
    let offline: string[];
    try {
      const online = await this.presence.onlineAmong(recipientIds);
      offline = recipientIds.filter((id) => !online.has(id));
    } catch (err) {
      this.log.warn(`presence unknown, nothing marked missed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (offline.length === 0) return;
    this.digest.missedBy(offline);
    // Awaited (handlers never throw here): when the send is acknowledged, the notification exists.
    await Promise.all(
      offline.map((recipientId) =>
        this.events.emit('message.missed', {
          recipientId,
          authorId: message.authorId,
          roomId: message.roomId,
          messageId: message.id,
        }),
      ),
    );
  }
}
