import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationType } from '@world-it/contracts';
import { User } from '../users/user.entity';

@Entity('notifications')
// (recipient_id, created_at DESC, id DESC): a page of my notifications, newest first, is one index range scan.
@Index('notifications_recipient_created_idx', { synchronize: false })
// UNIQUE (recipient_id, type, actor_id, subject_id) NULLS NOT DISTINCT WHERE read_at IS NULL: at most one unread notification
// per "who did what to which thing" (INSERT ... ON CONFLICT bumps it), and unread counts scan only unread rows.
@Index('notifications_unread_key', { synchronize: false })
// UNIQUE (recipient_id, type, subject_id) WHERE read_at IS NULL AND type IN ('post_liked', 'post_commented'): likes and
// comments on one post group into one unread notification, whoever the actor.
@Index('notifications_unread_group_key', { synchronize: false })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_notifications_recipient' })
  recipient?: User;

  @Column({ type: 'varchar', length: 20 })
  type: NotificationType;

  /** Who did it; null for a notification nobody in particular caused. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_notifications_actor' })
  actor?: User;

  /** What it is about (a friend request, a direct room, a post), by type; no foreign key: it may be gone. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** How many different people a grouped notification stands for (1 for every other type). */
  @Column({ type: 'integer', default: 1 })
  actorsCount: number;

  /** The latest distinct actors of a grouped notification (at most 50), so a repeated like is not counted twice. */
  @Column({ type: 'uuid', array: true, default: '{}' })
  recentActorIds: string[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  /** Millisecond precision, so the keyset cursor (a JS Date) round-trips exactly; bumped when deduplicated. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;
}
