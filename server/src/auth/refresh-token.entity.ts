import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from './session.entity';

/**
 * Every refresh token a session was ever given, by hash only. The live one has `spentAt` null; a
 * spent one is kept so that presenting it again is recognised as reuse (a stolen token) and the whole
 * session is revoked.
 */
@Entity('refresh_tokens')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('refresh_tokens_spent_at_idx', { synchronize: false })
@Index('refresh_tokens_token_hash_key', ['tokenHash'], { unique: true })
@Index('refresh_tokens_session_id_idx', ['sessionId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  /** sha256 of the token, hex (the token is 256 random bits, so a fast hash is enough). */
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  spentAt: Date | null;
}
