import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** An uploaded picture, stored re-encoded as WebP (see media-urls.ts for where its files live). */
@Entity('images')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('images_deleted_at_idx', { synchronize: false })
// (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL: a user's gallery in keyset pages (made by the migration).
@Index('images_owner_created_idx', { synchronize: false })
export class ImageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_images_owner' })
  owner?: User;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  /** Size of the stored full-size WebP. */
  @Column({ type: 'integer' })
  bytes: number;

  @Column({ type: 'boolean', default: false })
  animated: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set when the owner deletes it: the files are gone, rows that used it show a "removed" placeholder. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
