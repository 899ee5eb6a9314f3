import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DevOutboxMail } from './dev-outbox.entity';

export interface RenderedMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface DeliveryOptions {
  /**
   * The same key for every attempt at one mail (the job's dedupe key): SMTP sends it as a Message-ID
   * made from it, so a resend is the same message, not a second one.
   */
  messageKey?: string;
}

/** Where a rendered mail goes: SMTP, or the development outbox. */
export abstract class MailTransport {
  abstract readonly name: string;
  abstract deliver(mail: RenderedMail, options?: DeliveryOptions): Promise<void>;
}

/**
 * A Message-ID derived from the key and the sender's domain. SMTP cannot tell a sender whether a mail
 * it was cut off from (a process killed after the server's "250 OK", before the send was recorded) got
 * through, so such a mail is sent again; with the same Message-ID, mailboxes and clients show it once.
 */
export function stableMessageId(key: string, mailFrom: string): string {
  const domain = /@([^@\s<>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'world-it.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** SMTP_URL through @nestjs-modules/mailer (nodemailer). */
@Injectable()
export class SmtpMailTransport extends MailTransport {
  readonly name = 'smtp';

  constructor(
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async deliver(mail: RenderedMail, options: DeliveryOptions = {}): Promise<void> {
    await this.mailer.sendMail({
      ...(options.messageKey ? { messageId: stableMessageId(options.messageKey, this.config.mailFrom) } : {}),
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
  }
}

/** Outside production without SMTP: mail is stored and served at GET /api/dev/outbox. */
@Injectable()
export class DevOutboxTransport extends MailTransport {
  readonly name = 'dev-outbox';

  constructor(@InjectRepository(DevOutboxMail) private readonly outbox: Repository<DevOutboxMail>) {
    super();
  }

  async deliver(mail: RenderedMail): Promise<void> {
    await this.outbox.insert({
      recipient: mail.to.toLowerCase(),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  }
}

/** Production without SMTP_URL: every send fails (and is retried), so the problem shows in the queue. */
@Injectable()
export class UnconfiguredMailTransport extends MailTransport {
  readonly name = 'none';

  async deliver(): Promise<void> {
    throw new Error('No mail transport: set SMTP_URL');
  }
}
