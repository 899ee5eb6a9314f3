import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PostEntity } from './post.entity';

/** A link of a post (http/https only), its own row as in the seed, in the author's order. */
@Entity('post_links')
export class PostLinkEntity {
  @PrimaryColumn({ type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_post_links_post' })
  post?: PostEntity;

  @PrimaryColumn({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;
}
