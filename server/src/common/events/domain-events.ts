import { Injectable, Logger } from '@nestjs/common';

/**
 * What one feature announces for others to react to, without importing each other's services
 * (friendships → notifications, chat → notifications, posts → notifications). In-process: the handler
 * runs in the process that made the change, and anything that must reach other processes goes on
 * through the realtime emitter or a job.
 */
export interface DomainEventMap {
  /** `fromId` asked `toId` to be friends. */
  'friendship.requested': { requestId: string; fromId: string; toId: string };
  /** `accepterId` accepted the request `requesterId` had sent (or their requests crossed). */
  'friendship.accepted': { requesterId: string; accepterId: string };
  /** A direct message reached `recipientId` while they had no connected socket. */
  'message.missed': { recipientId: string; authorId: string; roomId: string; messageId: string };
  /** `actorId` liked or commented on `authorId`'s post. */
  'post.liked': { postId: string; authorId: string; actorId: string };
  'post.commented': { postId: string; authorId: string; actorId: string; commentId: string };
  /** `ownerId` deleted their upload `imageId`: whatever lists it (albums, the avatar history) lets go of it. */
  'image.deleted': { imageId: string; ownerId: string };
}
export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void> | void;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<DomainEventName, Handler<never>[]>();

  on<K extends DomainEventName>(name: K, handler: Handler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(name, list);
  }

  /**
   * Runs every handler and waits for them; a failing handler is logged and never fails the change
   * that announced the event (the friendship exists even if its notification could not be stored).
   */
  async emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    const list = (this.handlers.get(name) ?? []) as Handler<K>[];
    await Promise.all(
      list.map(async (handler) => {
        try {
          await handler(payload);
        } catch (err) {
          this.logger.error({ err, event: name }, `A handler of ${name} failed`);
        }
      }),
    );
  }
}
