import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Dedupe keys of mail already handed to the transport, so a retried job never sends twice. */
@Entity('sent_mail')
export class SentMail {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
