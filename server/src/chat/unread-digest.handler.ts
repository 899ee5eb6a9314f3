import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MailJob, type Language, type UnreadDigestPayload } from '@world-it/contracts';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MailSender } from '../mail/mail-sender.service';
import { JobHandlers } from '../jobs/job-registry';
import type { JobContext } from '../jobs/job-queue';
import { PresenceService } from '../realtime/presence.service';
import { UnreadDigestScheduler } from './unread-digest.scheduler';
import { previewOf, renderDigest, type DigestConversation } from './unread-digest.template';

interface PendingRow {
  room_id: string;
  id: string;
  created_at: Date;
  content: string;
  has_image: boolean;
  author_name: string;
}

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
    private readonly handlers: JobHandlers,
    private readonly sender: MailSender,
    private readonly presence: PresenceService,
    private readonly scheduler: UnreadDigestScheduler,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.handlers.register(MailJob.UnreadDigest, (data, ctx) => this.handle(data, ctx));
  }

  async handle(data: UnreadDigestPayload, ctx: JobContext): Promise<void> {
    const users: Array<{
      email: string;
      display_name: string;
      language: Language;
      email_digest: boolean;
      banned: boolean;
    }> = await this.db.query(`SELECT email, display_name, language, email_digest, banned FROM users WHERE id = $1`, [
      data.userId,
    ]);
    const user = users[0];
    if (!user || !user.email_digest || user.banned) return;
    if (await this.presence.isOnline(data.userId)) return;

    const delayMs = this.config.unreadDigestDelaySeconds * 1000;
    const now = Date.now();
    // A little slack so a burst that scheduled this job is summarised together.
    const dueBefore = now - delayMs + Math.min(5000, delayMs / 2);
    const rows: PendingRow[] = await this.db.query(
      `SELECT m.room_id, m.id, m.created_at, m.content, (m.image_id IS NOT NULL) AS has_image, u.display_name AS author_name
         FROM room_members rm
         JOIN rooms r ON r.id = rm.room_id AND r.kind = 'direct'
         JOIN messages m ON m.room_id = rm.room_id AND m.deleted_at IS NULL AND m.author_id <> rm.user_id
              AND m.created_at >= COALESCE(rm.last_read_at, rm.joined_at)
              AND (rm.last_read_at IS NULL
                   OR (m.created_at, m.id) > (rm.last_read_at, COALESCE(rm.last_read_message_id, '00000000-0000-0000-0000-000000000000'::uuid)))
              AND (rm.digested_until IS NULL OR m.created_at > rm.digested_until)
         JOIN users u ON u.id = m.author_id
        WHERE rm.user_id = $1
        ORDER BY m.created_at, m.id
        LIMIT ${SCAN_LIMIT}`,
      [data.userId],
    );
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
        user.display_name,
        [...byRoom.values()].map((e) => e.conv),
        this.config.publicUrl,
      );
      await this.sender.send({ to: user.email, ...mail, dedupeKey: `job:${ctx.jobId}` });
      for (const [roomId, { until }] of byRoom) {
        await this.db.query(
          `UPDATE room_members SET digested_until = GREATEST(COALESCE(digested_until, $3::timestamptz), $3::timestamptz) WHERE room_id = $1 AND user_id = $2`,
          [roomId, data.userId, until],
        );
      }
      this.log.log(`digest of ${due.length} message(s) in ${byRoom.size} conversation(s) sent to user ${data.userId}`);
    }
    if (younger)
      await this.scheduler.followUp(data.userId, younger.id, new Date(younger.created_at).getTime() + delayMs - now);
  }
}
