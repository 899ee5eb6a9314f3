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

/** Where a rendered mail goes: SMTP, or the development outbox. */
export abstract class MailTransport {
  abstract readonly name: string;
  abstract deliver(mail: RenderedMail): Promise<void>;
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

  async deliver(mail: RenderedMail): Promise<void> {
    await this.mailer.sendMail({
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
