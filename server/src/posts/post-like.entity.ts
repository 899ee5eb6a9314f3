import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { PostEntity } from './post.entity';

/** One like per person per post: the primary key makes a second like (or a race of two) a no-op. */
@Entity('post_likes')
// A person's likes (and the cascade when the person is deleted).
@Index('post_likes_user_idx', ['userId'])
export class PostLikeEntity {
  @PrimaryColumn({ type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'FK_post_likes_post' })
  post?: PostEntity;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_post_likes_user' })
  user?: User;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;
}
