import { Logger, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { CodeMailHandlers } from './code-mail.handlers';
import { DevOutboxController } from './dev-outbox.controller';
import { DevOutboxMail } from './dev-outbox.entity';
import { MailHousekeeping } from './mail-housekeeping';
import { MailOutbox } from './mail-outbox.entity';
import { MailOutboxService } from './mail-outbox.service';
import { MailSender } from './mail-sender.service';
import { DevOutboxTransport, MailTransport, SmtpMailTransport, UnconfiguredMailTransport } from './mail-transport';
import { SentMail } from './sent-mail.entity';

/**
 * Mail for both processes: the producer side (outbox + relay to the queue), the consumer side
 * (handlers of the code mails, `MailSender` and its transport), and outside production the dev
 * outbox route. Global; imported (forRoot) by AppModule and WorkerModule; the periodic relay runs only where
 * ScheduleModule is loaded (the API); the clean-up is the `housekeeping-mail` job (MailHousekeeping).
 */
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    const imports: DynamicModule['imports'] = [TypeOrmModule.forFeature([MailOutbox, SentMail, DevOutboxMail])];
    let transport: Type<MailTransport>;
    if (config.smtpUrl) {
      imports.push(MailerModule.forRoot({ transport: config.smtpUrl, defaults: { from: config.mailFrom } }));
      transport = SmtpMailTransport;
    } else if (!config.isProduction) {
      transport = DevOutboxTransport;
    } else {
      // Unreachable through loadConfig (it refuses NODE_ENV=production without SMTP_URL); kept for hand-made configs.
      new Logger('Mail').error('NODE_ENV=production without SMTP_URL: no mail can be sent');
      transport = UnconfiguredMailTransport;
    }
    const providers: Provider[] = [
      { provide: MailTransport, useClass: transport },
      MailSender,
      MailOutboxService,
      CodeMailHandlers,
      MailHousekeeping,
    ];
    return {
      module: MailModule,
      global: true,
      imports,
      controllers: config.isProduction ? [] : [DevOutboxController],
      providers,
      exports: [MailSender, MailOutboxService],
    };
  }
}
