import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One signed-in device: a family of rotating refresh tokens. Access tokens carry its id (`sid`) and
 * stop working the moment it is revoked (logout, password reset, reuse of a spent refresh token, ban).
 */
@Entity('sessions')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('sessions_expires_at_idx', { synchronize: false })
@Index('sessions_revoked_at_idx', { synchronize: false })
@Index('sessions_user_id_idx', ['userId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Sliding: moved forward at every refresh. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Why it was revoked: logout, password_reset, reuse, banned, … */
  @Column({ type: 'varchar', length: 30, nullable: true })
  revokedReason: string | null;
}
