import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MailTransport, type RenderedMail } from './mail-transport';
import { SentMail } from './sent-mail.entity';

export interface OutgoingMail extends RenderedMail {
  /**
   * Sends at most once per key (e.g. `job:<id>`): a job retried after a successful send does not send
   * again. Without a key every call sends.
   */
  dedupeKey?: string;
}

/** Sends a rendered mail through the configured transport. Other features (the unread digest) reuse it. */
@Injectable()
export class MailSender {
  private readonly log = new Logger('MailSender');

  constructor(
    private readonly transport: MailTransport,
    @InjectRepository(SentMail) private readonly sent: Repository<SentMail>,
  ) {}

  /** True when sent now; false when the dedupe key says it was sent before. */
  async send(mail: OutgoingMail): Promise<boolean> {
    const { dedupeKey, ...rendered } = mail;
    if (dedupeKey && (await this.sent.exists({ where: { dedupeKey } }))) {
      this.log.debug(`"${mail.subject}" (${dedupeKey}) was already sent`);
      return false;
    }
    // The record below comes after the server's answer, so a process killed in between sends this mail
    // again on the job's retry: under the same key, hence the same Message-ID (one message for the reader).
    await this.transport.deliver(rendered, { messageKey: dedupeKey });
    if (dedupeKey) await this.sent.createQueryBuilder().insert().values({ dedupeKey }).orIgnore().execute();
    return true;
  }
}
