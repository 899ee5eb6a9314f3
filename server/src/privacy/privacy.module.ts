import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { MediaModule } from '../media/media.module';
import { RegistrationCodeModule } from '../registration-code/registration-code.module';
import { UsersModule } from '../users/users.module';
import { AccountDeletionRepository } from './account-deletion.repository';
import { AccountDeletionService } from './account-deletion.service';
import { DataExportService } from './data-export.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyJobsModule } from './privacy-jobs.module';

/** Download my data and delete my account (routes under /api/me). */
@Module({
  imports: [PrivacyJobsModule, AuthModule, RegistrationCodeModule, ChatModule, UsersModule, MediaModule],
  controllers: [PrivacyController],
  providers: [DataExportService, AccountDeletionService, AccountDeletionRepository],
})
export class PrivacyModule {}
