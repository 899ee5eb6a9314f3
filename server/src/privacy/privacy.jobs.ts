import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_EXPORT_TTL_HOURS, JobName, type DataExportMailPayload, type Language } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { JobContext } from '../jobs/job-queue';
import { JobRegistry } from '../jobs/job-registry';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { MailSender } from '../mail/mail-sender.service';
import { renderDataExportMail } from '../mail/templates/data-export-mail.template';
import { DataExportsRepository } from './data-exports.repository';
import { ExportArchiveBuilder, exportFileKey } from './export-archive.builder';
import { ExportContentRepository } from './export-content.repository';

/** Expired exports deleted per statement by the housekeeping job. */
const EXPIRED_BATCH = 500;

/** The download token: 256 random bits, URL-safe. Only its SHA-256 is stored. */
export function newExportToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashExportToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as `newExportToken` makes them (anything else cannot be one: 404 without a lookup). */
export const EXPORT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The privacy jobs, run where jobs run (the worker, or the API without Redis): building a data
 * archive, mailing its link, and deleting expired archives (`housekeeping-exports`, scheduled with the
 * other housekeeping jobs).
 */
@Injectable()
export class PrivacyJobs implements OnModuleInit {
  private readonly log = new Logger('DataExport');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly registry: JobRegistry,
    private readonly exports: DataExportsRepository,
    private readonly content: ExportContentRepository,
    private readonly builder: ExportArchiveBuilder,
    private readonly outbox: MailOutboxService,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.DataExport, (data) => this.buildExport(data.exportId));
    this.registry.register(JobName.DataExportMail, (data, ctx) => this.sendMail(data, ctx));
    this.registry.register(JobName.HousekeepingExports, async () => {
      const n = await this.deleteExpired();
      if (n) this.log.log(`Deleted ${n} expired data export(s)`);
    });
  }

  /**
   * Writes the archive, then in one transaction marks it ready with a fresh token's hash and puts the
   * link mail in the outbox. Idempotent: an export no longer pending (done, failed, or gone) is left alone.
   */
  async buildExport(exportId: string): Promise<void> {
    const row = await this.exports.find(exportId);
    if (!row || row.status !== 'pending') return;
    const fileKey = exportFileKey(row.id);
    let bytes: number | null;
    try {
      bytes = await this.builder.build(row.user_id, fileKey);
    } catch (err) {
      this.log.warn(`Export ${row.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    const profile = bytes === null ? null : await this.content.profile(row.user_id);
    if (bytes === null || !profile) {
      await this.exports.markFailed(row.id);
      await this.builder.delete(fileKey);
      return;
    }
    const token = newExportToken();
    const expiresAt = new Date(Date.now() + DATA_EXPORT_TTL_HOURS * 3_600_000);
    const mail = await this.ds.transaction(async (em) => {
      const ready = await this.exports.markReady(
        row.id,
        { tokenHash: hashExportToken(token), fileKey, bytes, expiresAt },
        em,
      );
      if (!ready) return null;
      return this.outbox.add(em, JobName.DataExportMail, {
        to: profile.email,
        language: profile.language as Language,
        displayName: profile.display_name,
        url: `${this.config.publicUrl}/api/me/export/${token}`,
        expiresAt: expiresAt.toISOString(),
      });
    });
    if (mail) this.outbox.relaySoon(mail);
  }

  private async sendMail(data: DataExportMailPayload, ctx: JobContext): Promise<void> {
    const content = renderDataExportMail(data, { publicUrl: this.config.publicUrl });
    await this.sender.send({ to: data.to, ...content, dedupeKey: `job:${ctx.jobId}` });
  }

  /** Expired exports (ready or not) go with their archives; answers how many. */
  async deleteExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const keys = await this.exports.deleteExpired(EXPIRED_BATCH);
      for (const key of keys) if (key) await this.builder.delete(key);
      total += keys.length;
      if (keys.length < EXPIRED_BATCH) return total;
    }
  }
}
