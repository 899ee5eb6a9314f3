import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MessageEntity } from './message.entity';
import { RoomEntity } from './room.entity';

@Entity('room_members')
@Index('room_members_user_idx', ['userId'])
// Seniority order inside a room: the first members shown, and who inherits the admin role.
@Index('room_members_room_joined_idx', ['roomId', 'joinedAt', 'userId'])
export class RoomMemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  roomId: string;

  @ManyToOne(() => RoomEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_room_members_room' })
  room?: RoomEntity;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_room_members_user' })
  user?: User;

  /** Order of seniority: the oldest member takes over when the admin leaves. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  joinedAt: Date;

  /** Read position: everything up to this message, in (created_at, id) order, is read. */
  @Column({ type: 'uuid', nullable: true })
  lastReadMessageId: string | null;

  @ManyToOne(() => MessageEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_read_message_id', foreignKeyConstraintName: 'FK_room_members_last_read_message' })
  lastReadMessage?: MessageEntity;

  /** created_at of lastReadMessage, kept here so unread counts are one index range scan. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastReadAt: Date | null;

  /**
   * Whether the room is in this member's room list (and they hear room:added/room:updated). False only for
   * the peer of a direct room someone else opened, until the room holds a message: an empty
   * conversation appears only on the side that started it.
   */
  @Column({ type: 'boolean', default: true })
  listed: boolean;

  /** Newest message time already covered by an unread-digest email (direct rooms). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  digestedUntil: Date | null;
}
