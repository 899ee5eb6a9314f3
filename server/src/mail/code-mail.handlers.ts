import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobName, type CodeMailPayload } from '@world-it/contracts';
import { AppConfig } from '../config/app-config';
import type { JobContext } from '../jobs/job-queue';
import { JobRegistry } from '../jobs/job-registry';
import { MailSender } from './mail-sender.service';
import { renderCodeMail, type CodeMailKind } from './templates/code-mail.template';

const CODE_MAIL_JOBS = [
  JobName.RegistrationCode,
  JobName.PasswordResetCode,
  JobName.EmailChangeCode,
  JobName.AccountDeletionCode,
] as const;
type CodeMailJob = (typeof CODE_MAIL_JOBS)[number];

const KIND: Record<CodeMailJob, CodeMailKind> = {
  [JobName.RegistrationCode]: 'registration',
  [JobName.PasswordResetCode]: 'password_reset',
  [JobName.EmailChangeCode]: 'email_change',
  [JobName.AccountDeletionCode]: 'account_deletion',
};

/** Consumer side of the code mails: render in the user's language and send once per job. */
@Injectable()
export class CodeMailHandlers implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const name of CODE_MAIL_JOBS) {
      this.jobs.register(name, (data, ctx) => this.handle(name, data, ctx));
    }
  }

  async handle(name: CodeMailJob, data: CodeMailPayload, ctx: JobContext): Promise<void> {
    const content = renderCodeMail(KIND[name], data, { publicUrl: this.config.publicUrl });
    await this.sender.send({ to: data.to, ...content, dedupeKey: `job:${ctx.jobId}` });
  }
}
