import type { RoomKind, RoomVisibility } from '@world-it/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { ImageEntity } from '../media/image.entity';

@Entity('rooms')
// One direct room per pair, whoever creates it first: the pair is stored ordered (low < high) and unique.
@Index('rooms_direct_pair_key', ['directUserLow', 'directUserHigh'], { unique: true })
// (last_activity_at DESC, id DESC) WHERE kind = 'group' AND visibility = 'public': the public room directory (made by the migration).
@Index('rooms_public_activity_idx', { synchronize: false })
// GIN pg_trgm on name WHERE public group: the directory's ILIKE search is index-served (made by the migration).
@Index('rooms_public_name_trgm_idx', { synchronize: false })
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: RoomKind;

  /** Groups only; a direct room is named after the other member when shown. */
  @Column({ type: 'varchar', length: 100, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 10, default: 'private' })
  visibility: RoomVisibility;

  @Column({ type: 'uuid', nullable: true })
  adminId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'FK_rooms_admin' })
  admin?: User;

  @Column({ type: 'uuid', nullable: true })
  avatarImageId: string | null;

  @ManyToOne(() => ImageEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'avatar_image_id', foreignKeyConstraintName: 'FK_rooms_avatar_image' })
  avatarImage?: ImageEntity;

  @Column({ type: 'uuid', nullable: true })
  directUserLow: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'direct_user_low', foreignKeyConstraintName: 'FK_rooms_direct_user_low' })
  directLow?: User;

  @Column({ type: 'uuid', nullable: true })
  directUserHigh: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'direct_user_high', foreignKeyConstraintName: 'FK_rooms_direct_user_high' })
  directHigh?: User;

  /** The newest message's time (or creation): orders the room list. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  lastActivityAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
