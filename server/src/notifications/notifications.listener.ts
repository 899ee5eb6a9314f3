import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
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
    this.events.on('friendship.requested', async (e) => {
      await this.notifications.notify({
        recipientId: e.toId,
        type: 'friend_request',
        actorId: e.fromId,
        subjectId: e.requestId,
      });
    });
    this.events.on('friendship.accepted', async (e) => {
      await this.notifications.notify({
        recipientId: e.requesterId,
        type: 'friend_accepted',
        actorId: e.accepterId,
        subjectId: null,
      });
    });
    this.events.on('message.missed', async (e) => {
      // The room, not the message: one unread notification per conversation (see NotificationsService.notify).
      await this.notifications.notify({
        recipientId: e.recipientId,
        type: 'message',
        actorId: e.authorId,
        subjectId: e.roomId,
      });
    });
    this.events.on('post.liked', async (e) => {
      await this.notifications.notify({
        recipientId: e.authorId,
        type: 'post_liked',
        actorId: e.actorId,
        subjectId: e.postId,
      });
    });
    this.events.on('post.commented', async (e) => {
      await this.notifications.notify({
        recipientId: e.authorId,
        type: 'post_commented',
        actorId: e.actorId,
        subjectId: e.postId,
      });
    });
  }
}
