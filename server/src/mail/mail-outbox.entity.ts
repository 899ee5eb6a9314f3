import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Mail to send, written in the same transaction as the change that causes it, then relayed to the
 * queue (its id is the job id, so relaying twice is harmless). A row with `enqueuedAt` null has not
 * reached the queue yet: the periodic relay retries it, so no mail is lost while Redis is down.
 */
@Entity('mail_outbox')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('mail_outbox_enqueued_at_idx', { synchronize: false })
@Index('mail_outbox_pending_idx', ['createdAt'], { where: '"enqueued_at" IS NULL' })
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  /** Failed attempts to put it on the queue. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
