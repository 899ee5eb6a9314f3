import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Column } from 'typeorm';
import { ImageEntity } from '../media/image.entity';
import { PostEntity } from './post.entity';

/** An image of a post (one of the author's own uploads), in the author's order. */
@Entity('post_images')
// Which posts use an image (for the "removed" placeholder and orphan checks).
@Index('post_images_image_idx', ['imageId'])
export class PostImageEntity {
  @PrimaryColumn({ type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_post_images_post' })
  post?: PostEntity;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ type: 'uuid' })
  imageId: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'FK_post_images_image' })
  image?: ImageEntity;
}
