import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Injectable, Logger, NotFoundException, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DATA_EXPORT_COOLDOWN_SECONDS,
  DATA_EXPORT_TTL_HOURS,
  JobName,
  type DataExportResponse,
  type ErrorBody,
} from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { RetryLaterException } from '../common/filters/http-exception.filter';
import { JobQueue } from '../jobs/job-queue';
import { DataExportsRepository } from './data-exports.repository';
import { ExportArchiveBuilder } from './export-archive.builder';
import { EXPORT_TOKEN, hashExportToken } from './privacy.jobs';

/** A pending export that never finishes is cleaned up by the housekeeping job after this long. */
const PENDING_KEEP_MS = 2 * DATA_EXPORT_TTL_HOURS * 3_600_000;

/** "Download my data": the request (one per hour per user) and the download by the mailed token. */
@Injectable()
export class DataExportService {
  private readonly log = new Logger('DataExport');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly exports: DataExportsRepository,
    private readonly builder: ExportArchiveBuilder,
    private readonly queue: JobQueue,
  ) {}

  /** Queues the archive job; a second request within the hour → 429 with Retry-After (counted in the database: every process agrees). */
  async request(userId: string): Promise<DataExportResponse> {
    const exportId = await this.ds.transaction(async (em) => {
      const newest = await this.exports.newestOf(userId, em);
      if (newest) {
        const waitS = Math.ceil(
          (newest.created_at.getTime() + DATA_EXPORT_COOLDOWN_SECONDS * 1000 - Date.now()) / 1000,
        );
        if (waitS > 0) {
          throw new RetryLaterException(
            {
              message: `one data export per hour: try again in ${Math.ceil(waitS / 60)} min`,
              code: 'rate_limited',
            } satisfies Partial<ErrorBody>,
            waitS,
          );
        }
      }
      return this.exports.create(userId, new Date(Date.now() + PENDING_KEEP_MS), em);
    });
    await this.queue.add(JobName.DataExport, { exportId }, { jobId: `data-export:${exportId}` });
    this.log.log(`Data export ${exportId} queued`);
    return { status: 'queued' };
  }

  /** The archive behind a mailed token, as an attachment; any other token, or an expired one → 404. */
  async download(token: string): Promise<StreamableFile> {
    const row = EXPORT_TOKEN.test(token) ? await this.exports.findDownloadable(hashExportToken(token)) : null;
    const gone = new NotFoundException('No such export, or its link has expired: request a new one in Settings');
    if (!row?.file_key) throw gone;
    const path = this.builder.path(row.file_key);
    const info = await stat(path).catch(() => null);
    if (!info) throw gone;
    const day = row.created_at.toISOString().slice(0, 10);
    return new StreamableFile(createReadStream(path), {
      type: 'application/zip',
      disposition: `attachment; filename="world-it-data-${day}.zip"`,
      length: info.size,
    });
  }
}
