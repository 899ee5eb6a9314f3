import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export type CodePurpose = 'registration' | 'password_reset' | 'email_change' | 'account_deletion';

/** A 6-digit code mailed to an address, stored as an HMAC only; one live code per purpose and subject. */
@Entity('registration_codes')
@Index('registration_codes_purpose_email_idx', ['purpose', 'email'])
@Index('registration_codes_user_id_idx', ['userId'])
@Index('registration_codes_expires_at_idx', ['expiresAt'])
export class RegistrationCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: CodePurpose;

  /** The address the code was mailed to, lower-cased (for email_change: the new address). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** HMAC-SHA256(pepper, purpose:email:code), hex. */
  @Column({ type: 'char', length: 64 })
  codeHash: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
