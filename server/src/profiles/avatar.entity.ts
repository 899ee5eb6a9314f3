import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from '../media/image.entity';
import { User } from '../users/user.entity';

/**
 * One picture in a user's avatar history (one row per user and image, whatever how often it was
 * picked). The active one is users.avatar_image_id, so rendering an avatar anywhere needs no join here.
 */
@Entity('avatars')
// Who uses an image as an avatar (the orphaned-upload check; made by the migration).
@Index('avatars_image_idx', { synchronize: false })
export class AvatarEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_avatars_user' })
  user?: User;

  @PrimaryColumn({ type: 'uuid' })
  imageId: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'FK_avatars_image' })
  image?: ImageEntity;

  /** When the image first became an avatar: the history's order (re-picking it does not move it). */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;
}
