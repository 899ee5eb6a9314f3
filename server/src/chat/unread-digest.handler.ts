import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobName, type UnreadDigestPayload } from '@world-it/contracts';
import { AppConfig } from '../config/app-config';
import { MailSender } from '../mail/mail-sender.service';
import type { JobContext } from '../jobs/job-queue';
import { JobRegistry } from '../jobs/job-registry';
import { PresenceService } from '../realtime/presence.service';
import { UsersRepository } from '../users/users.repository';
import { UnreadDigestScheduler } from './unread-digest.scheduler';
import { UnreadDigestStore } from './unread-digest.store';
import { previewOf, renderDigest, type DigestConversation } from './unread-digest.template';

/** At most this many unread messages are looked at per digest (the email summarises, it does not list). */
const SCAN_LIMIT = 1000;

/**
 * Consumer side of the unread digest (the worker, or the API without Redis). When it runs: skipped if
 * the user is online again or turned digests off; otherwise one email for every direct conversation
 * with messages unread for at least the delay and not in an earlier digest, then those are marked
 * digested. Read messages simply no longer qualify, so a digest for a conversation read meanwhile is
 * never sent.
 */
@Injectable()
export class UnreadDigestHandler implements OnModuleInit {
  private readonly log = new Logger('UnreadDigest');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly sender: MailSender,
    private readonly presence: PresenceService,
    private readonly scheduler: UnreadDigestScheduler,
    private readonly config: AppConfig,
    private readonly store: UnreadDigestStore,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register(JobName.UnreadDigest, (data, ctx) => this.handle(data, ctx));
  }

  async handle(data: UnreadDigestPayload, ctx: JobContext): Promise<void> {
    const user = await this.users.digestRecipient(data.userId);
    if (!user || !user.emailDigest || user.banned) return;
    if (await this.presence.isOnline(data.userId)) return;

    const delayMs = this.config.unreadDigestDelaySeconds * 1000;
    const now = Date.now();
    // A little slack so a burst that scheduled this job is summarised together.
    const dueBefore = now - delayMs + Math.min(5000, delayMs / 2);
    const rows = await this.store.undigested(data.userId, SCAN_LIMIT);
    const due = rows.filter((r) => new Date(r.created_at).getTime() <= dueBefore);
    const younger = rows.find((r) => new Date(r.created_at).getTime() > dueBefore);

    if (due.length) {
      const byRoom = new Map<string, { conv: DigestConversation; until: Date }>();
      for (const r of due) {
        const entry = byRoom.get(r.room_id) ?? {
          conv: { roomId: r.room_id, from: r.author_name, count: 0, preview: '' },
          until: r.created_at,
        };
        entry.conv.count++;
        entry.conv.preview = previewOf(r.content, r.has_image, user.language);
        entry.until = r.created_at;
        byRoom.set(r.room_id, entry);
      }
      const mail = renderDigest(
        user.language,
        user.displayName,
        [...byRoom.values()].map((e) => e.conv),
        this.config.publicUrl,
      );
      await this.sender.send({ to: user.email, ...mail, dedupeKey: `job:${ctx.jobId}` });
      for (const [roomId, { until }] of byRoom) {
        await this.store.markDigested(roomId, data.userId, until);
      }
      this.log.log(`digest of ${due.length} message(s) in ${byRoom.size} conversation(s) sent to user ${data.userId}`);
    }
    if (younger)
      await this.scheduler.followUp(data.userId, younger.id, new Date(younger.created_at).getTime() + delayMs - now);
  }
}
