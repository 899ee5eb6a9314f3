import { Module } from '@nestjs/common';
import { LocalDiskStorage } from '../media/media-storage';
import { RegistrationCodeModule } from '../registration-code/registration-code.module';
import { HousekeepingJobs } from './housekeeping.jobs';
import { HousekeepingService } from './housekeeping.service';

/**
 * Keeps the tables and MEDIA_DIR bounded: ended sessions and spent refresh tokens, dead codes, old
 * mail bookkeeping (MailHousekeeping) and orphaned uploads. Imported by the AppModule and the
 * WorkerModule: both schedule, the process that runs jobs handles.
 */
@Module({
  imports: [RegistrationCodeModule],
  providers: [HousekeepingService, HousekeepingJobs, LocalDiskStorage],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
