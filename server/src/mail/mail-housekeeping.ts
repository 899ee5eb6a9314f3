import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const EVERY_MS = 60 * 60 * 1000;

/** Old bookkeeping rows go: relayed outbox rows after 7 days, sent-mail keys after 30, dev mail after 7. */
@Injectable()
export class MailHousekeeping {
  private readonly log = new Logger('MailHousekeeping');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Interval('mail-housekeeping', EVERY_MS)
  async cleanUp(): Promise<void> {
    try {
      await this.ds.query(`DELETE FROM "mail_outbox" WHERE "enqueued_at" < now() - interval '7 days'`);
      await this.ds.query(`DELETE FROM "sent_mail" WHERE "sent_at" < now() - interval '30 days'`);
      await this.ds.query(`DELETE FROM "dev_outbox" WHERE "sent_at" < now() - interval '7 days'`);
    } catch (err) {
      this.log.warn(`Clean-up failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
