import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { returned } from '../database/returned-rows';
import { JobRegistry } from '../jobs/job-registry';

/** How long mail bookkeeping is kept: relayed outbox rows and dev mail 7 days, sent-mail dedupe keys 30. */
export const OUTBOX_KEEP_DAYS = 7;
export const SENT_MAIL_KEEP_DAYS = 30;
export const DEV_OUTBOX_KEEP_DAYS = 7;

export interface MailSweep {
  outbox: number;
  sentMail: number;
  devOutbox: number;
}

/**
 * Old mail bookkeeping rows go, as the `housekeeping-mail` job (scheduled with the other housekeeping
 * jobs, run once per period across processes). Outbox rows not yet relayed are never deleted.
 */
@Injectable()
export class MailHousekeeping implements OnModuleInit {
  private readonly log = new Logger('MailHousekeeping');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.HousekeepingMail, async () => {
      const n = await this.cleanUp();
      if (n.outbox || n.sentMail || n.devOutbox) {
        this.log.log(`Deleted ${n.outbox} outbox row(s), ${n.sentMail} sent-mail key(s), ${n.devOutbox} dev mail(s)`);
      }
    });
  }

  async cleanUp(): Promise<MailSweep> {
    const count = async (sql: string, days: number) => returned<unknown>(await this.ds.query(sql, [days])).length;
    return {
      outbox: await count(
        `DELETE FROM "mail_outbox" WHERE "enqueued_at" < now() - make_interval(days => $1) RETURNING 1`,
        OUTBOX_KEEP_DAYS,
      ),
      sentMail: await count(
        `DELETE FROM "sent_mail" WHERE "sent_at" < now() - make_interval(days => $1) RETURNING 1`,
        SENT_MAIL_KEEP_DAYS,
      ),
      devOutbox: await count(
        `DELETE FROM "dev_outbox" WHERE "sent_at" < now() - make_interval(days => $1) RETURNING 1`,
        DEV_OUTBOX_KEEP_DAYS,
      ),
    };
  }
}
