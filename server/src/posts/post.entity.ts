import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PostVisibility } from '@world-it/contracts';
import { User } from '../users/user.entity';

/**
 * A post. Its tags, links and images are rows of their own (post_tags, post_links, post_images), in the
 * author's order. `likes_count` and `comments_count` are kept by the same statements that add or remove
 * a like or a comment, so a page of posts never counts rows.
 */
@Entity('posts')
// (created_at DESC, id DESC): the `all` scope, newest first, in keyset pages (made by the migration).
@Index('posts_created_idx', { synchronize: false })
// (author_id, created_at DESC, id DESC): the `feed` scope (one index range per friend) and a profile's posts.
@Index('posts_author_created_idx', { synchronize: false })
@Check('posts_visibility_known', `"visibility" IN ('public', 'friends')`)
export class PostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_posts_author' })
  author?: User;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'text', default: '' })
  content: string;

  @Column({ type: 'varchar', length: 10, default: 'public' })
  visibility: PostVisibility;

  @Column({ type: 'integer', default: 0 })
  likesCount: number;

  @Column({ type: 'integer', default: 0 })
  commentsCount: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  updatedAt: Date;
}
