import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** `blocker_id` blocks `blocked_id`. One direction per row; its effects cover both sides (see BlockChecker). */
@Entity('blocks')
@Index('blocks_blocked_idx', ['blockedId', 'blockerId'])
@Check('blocks_not_self', `"blocker_id" <> "blocked_id"`)
export class BlockEntity {
  @PrimaryColumn({ type: 'uuid' })
  blockerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocker_id', foreignKeyConstraintName: 'FK_blocks_blocker' })
  blocker?: User;

  @PrimaryColumn({ type: 'uuid' })
  blockedId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocked_id', foreignKeyConstraintName: 'FK_blocks_blocked' })
  blocked?: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
