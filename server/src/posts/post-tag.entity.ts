import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PostEntity } from './post.entity';
import { TagEntity } from './tag.entity';

/**
 * A post carries a tag. The post's creation time is copied here so a tag page reads one index range
 * (tag_id, post_created_at DESC, post_id DESC) in keyset order without touching other tags' posts.
 */
@Entity('post_tags')
// (tag_id, post_created_at DESC, post_id DESC): a tag's page (made by the migration).
@Index('post_tags_tag_created_idx', { synchronize: false })
export class PostTagEntity {
  @PrimaryColumn({ type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_post_tags_post' })
  post?: PostEntity;

  @PrimaryColumn({ type: 'uuid' })
  tagId: string;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_post_tags_tag' })
  tag?: TagEntity;

  /** The tag's place in the post's list. */
  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'timestamptz', precision: 3 })
  postCreatedAt: Date;
}
