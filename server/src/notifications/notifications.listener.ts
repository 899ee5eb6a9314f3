import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, type DomainEventMap, type DomainEventName } from '../common/events/domain-events';
import type { NewNotification } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * What becomes a notification. Other features announce on the DomainEvents bus and never import this
 * module; the handlers run in the API process that made the change, where the realtime emitter works.
 */
@Injectable()
export class NotificationsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.notifyOn('friendship.requested', (e) => ({
      recipientId: e.toId,
      type: 'friend_request',
      actorId: e.fromId,
      subjectId: e.requestId,
    }));
    this.notifyOn('friendship.accepted', (e) => ({
      recipientId: e.requesterId,
      type: 'friend_accepted',
      actorId: e.accepterId,
      subjectId: null,
    }));
    // The room, not the message: one unread notification per conversation (see NotificationsService.notify).
    this.notifyOn('message.missed', (e) => ({
      recipientId: e.recipientId,
      type: 'message',
      actorId: e.authorId,
      subjectId: e.roomId,
    }));
    this.notifyOn('post.liked', (e) => ({
      recipientId: e.authorId,
      type: 'post_liked',
      actorId: e.actorId,
      subjectId: e.postId,
    }));
    this.notifyOn('post.commented', (e) => ({
      recipientId: e.authorId,
      type: 'post_commented',
      actorId: e.actorId,
      subjectId: e.postId,
    }));
  }

  /** Each `name` event stores (and pushes) the notification `toNotification` makes of it. */
  private notifyOn<K extends DomainEventName>(
    name: K,
    toNotification: (event: DomainEventMap[K]) => NewNotification,
  ): void {
    this.events.on(name, async (e) => {
      await this.notifications.notify(toNotification(e));
    });
  }
}
