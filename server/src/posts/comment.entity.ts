import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PostEntity } from './post.entity';

/** A comment on a post; plain text (the client renders it as text with line breaks and auto-linked URLs). */
@Entity('comments')
// A post's comments, oldest first, in keyset pages.
@Index('comments_post_created_idx', ['postId', 'createdAt', 'id'])
// A person's comments (and the cascade when the person is deleted).
@Index('comments_author_idx', ['authorId'])
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_comments_post' })
  post?: PostEntity;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_comments_author' })
  author?: User;

  @Column({ type: 'varchar', length: 2000 })
  content: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;
}
