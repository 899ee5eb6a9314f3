import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export type FriendshipState = 'pending' | 'accepted';

/**
 * One row per pair of people, whichever of them asked: the pair is stored ordered (user_low <
 * user_high) and unique, so two requests crossing at the same moment cannot make two rows. A pending
 * row is a friend request from `requester_id` (its id is the request id); an accepted row is a
 * friendship. Declining, cancelling, unfriending and blocking delete the row.
 */
@Entity('friendships')
@Index('friendships_pair_key', ['userLow', 'userHigh'], { unique: true })
@Index('friendships_high_idx', ['userHigh', 'userLow'])
@Check('friendships_pair_ordered', `"user_low" < "user_high"`)
@Check('friendships_requester_in_pair', `"requester_id" = "user_low" OR "requester_id" = "user_high"`)
@Check('friendships_status_known', `"status" IN ('pending', 'accepted')`)
export class FriendshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userLow: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_low', foreignKeyConstraintName: 'FK_friendships_user_low' })
  low?: User;

  @Column({ type: 'uuid' })
  userHigh: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_high', foreignKeyConstraintName: 'FK_friendships_user_high' })
  high?: User;

  /** Who sent the request (one of the pair). */
  @Column({ type: 'uuid' })
  requesterId: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: FriendshipState;

  /** When the request was sent. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When it became a friendship; orders friend lists (newest friends first). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt: Date | null;
}
