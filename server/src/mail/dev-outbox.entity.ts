import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Development outbox: where mail lands outside production when no SMTP server is configured. A table,
 * not memory, because the worker writes it and the API serves it (`GET /api/dev/outbox`).
 */
@Entity('dev_outbox')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('dev_outbox_sent_at_idx', { synchronize: false })
@Index('dev_outbox_recipient_sent_at_idx', ['recipient', 'sentAt'])
export class DevOutboxMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-cased address. */
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
