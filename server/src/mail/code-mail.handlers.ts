import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MailJob, type CodeMailPayload, type MailJobName } from '@world-it/contracts';
import { AppConfig } from '../config/app-config';
import { JobHandlers } from '../jobs/job-registry';
import type { JobContext } from '../jobs/job-queue';
import { MailSender } from './mail-sender.service';
import { renderCodeMail, type CodeMailKind } from './templates/code-mail.template';

const KIND: Record<string, CodeMailKind> = {
  [MailJob.RegistrationCode]: 'registration',
  [MailJob.PasswordResetCode]: 'password_reset',
  [MailJob.EmailChangeCode]: 'email_change',
};

/** Consumer side of the code mails: render in the user's language and send once per job. */
@Injectable()
export class CodeMailHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const name of [MailJob.RegistrationCode, MailJob.PasswordResetCode, MailJob.EmailChangeCode] as const) {
      this.handlers.register(name, (data, ctx) => this.handle(name, data, ctx));
    }
  }

  async handle(name: MailJobName, data: CodeMailPayload, ctx: JobContext): Promise<void> {
    const content = renderCodeMail(KIND[name], data, { publicUrl: this.config.publicUrl });
    await this.sender.send({ to: data.to, ...content, dedupeKey: `job:${ctx.jobId}` });
  }
}
