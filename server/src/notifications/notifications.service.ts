import { Injectable } from '@nestjs/common';
import type { Notification, Page } from '@world-it/contracts';
import { decodeTimeKey, encodeTimeKey } from '../common/pagination/time-key-cursor';
import { PresenceService } from '../realtime/presence.service';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { BlockChecker } from '../users/social-graph';
import { toUserSummary } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { toNotification } from './notification.mapper';
import { NotificationsRepository, type NewNotification, type NotificationRow } from './notifications.repository';

/**
 * Notifications: the rules for making one (never to yourself, never across a block, one unread row per
 * "who did what to which thing"), reading them, and pushing them live to the recipient's sockets.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly users: UsersRepository,
    private readonly presence: PresenceService,
    private readonly blocks: BlockChecker,
    private readonly realtime: RealtimeEmitter,
  ) {}

  /**
   * Stores a notification and pushes it (`notification`) to the recipient; a new unread one also pushes
   * the unread count (`notifications:unread`). While the recipient has an unread notification of the same
   * type from the same actor about the same subject, that one is moved to now and pushed again (same id)
   * instead of adding another: fifty missed messages in one conversation are one notification.
   * Answers null when nothing is stored: the actor is the recipient, or either blocks the other.
   */
  async notify(input: NewNotification): Promise<Notification | null> {
    const { recipientId, actorId } = input;
    if (actorId !== null && actorId === recipientId) return null;
    if (actorId !== null && (await this.blocks.isBlocked(recipientId, actorId))) return null;
    const { row, created } = await this.repo.upsertUnread(input);
    const [notification] = await this.withActors([row]);
    this.realtime.toUser(recipientId, 'notification', notification);
    if (created) await this.pushUnreadCount(recipientId);
    return notification;
  }

  async list(userId: string, page: { limit: number; cursor?: string }): Promise<Page<Notification>> {
    const rows = await this.repo.page(userId, decodeTimeKey(page.cursor), page.limit + 1);
    const hasMore = rows.length > page.limit;
    const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
    const last = pageRows[pageRows.length - 1];
    return {
      items: await this.withActors(pageRows),
      nextCursor: hasMore ? encodeTimeKey(last.created_at, last.id) : null,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repo.unreadCount(userId);
  }

  /** My notifications with these ids (others' ids match nothing), or all of mine without ids. */
  async markRead(userId: string, ids?: string[]): Promise<void> {
    const changed = await this.repo.markRead(userId, ids);
    // My other tabs and devices keep their badge right.
    if (changed > 0) await this.pushUnreadCount(userId);
  }

  private async pushUnreadCount(userId: string): Promise<void> {
    this.realtime.toUser(userId, 'notifications:unread', { count: await this.repo.unreadCount(userId) });
  }

  /** Rows as contract Notifications, their actors fetched in one query and one presence round trip. */
  private async withActors(rows: NotificationRow[]): Promise<Notification[]> {
    const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((id): id is string => id !== null))];
    const [actors, online] = await Promise.all([this.users.findByIds(actorIds), this.presence.onlineAmong(actorIds)]);
    const byId = new Map(actors.map((u) => [u.id, toUserSummary(u, online.has(u.id))]));
    return rows.map((r) => toNotification(r, r.actor_id === null ? null : (byId.get(r.actor_id) ?? null)));
  }
}
