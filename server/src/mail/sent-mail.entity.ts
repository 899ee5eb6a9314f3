import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Dedupe keys of mail already handed to the transport, so a retried job never sends twice. */
@Entity('sent_mail')
// Housekeeping deletes by these (made by the migration, partial where only some rows qualify).
@Index('sent_mail_sent_at_idx', { synchronize: false })
export class SentMail {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
