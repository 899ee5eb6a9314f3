import type { Language, Role } from '@world-it/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
@Index('users_email_lower_key', { synchronize: false }) // UNIQUE (lower(email)): an expression index made by the migration
// GIN pg_trgm over display, first and last name (NAME_SEARCH_EXPR in users.repository.ts), made by the migration
@Index('users_name_search_trgm_idx', { synchronize: false })
@Index('users_active_created_ms_idx', { synchronize: false }) // the people list's order, made by its migration
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as given (trimmed); uniqueness and lookups are case-insensitive (lower(email)). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id hash. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 10, default: 'user' })
  role: Role;

  @Column({ type: 'boolean', default: false })
  confirmed: boolean;

  @Column({ type: 'boolean', default: false })
  banned: boolean;

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  firstName: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  lastName: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  about: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  language: Language;

  /** Email a digest of direct messages still unread after a while. */
  @Column({ type: 'boolean', default: true })
  emailDigest: boolean;

  /** The active avatar (an uploaded image); null shows the default avatar. */
  @Column({ type: 'uuid', nullable: true })
  avatarImageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  /** Set when the account was deleted: the row stays as an anonymous tombstone (see the privacy module). */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
