import { Module } from '@nestjs/common';
import { LocalDiskStorage } from '../media/media-storage';
import { DataExportsRepository } from './data-exports.repository';
import { ExportArchiveBuilder } from './export-archive.builder';
import { ExportContentRepository } from './export-content.repository';
import { PrivacyJobs } from './privacy.jobs';

/**
 * The privacy jobs' handlers (archive building, the link mail, expired-archive clean-up) and what they
 * stand on. Imported by the PrivacyModule (API) and the WorkerModule: the process that runs jobs handles.
 */
@Module({
  providers: [DataExportsRepository, ExportContentRepository, ExportArchiveBuilder, LocalDiskStorage, PrivacyJobs],
  exports: [DataExportsRepository, ExportArchiveBuilder],
})
export class PrivacyJobsModule {}
