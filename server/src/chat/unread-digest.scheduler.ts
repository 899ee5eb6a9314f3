import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@world-it/contracts';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { UsersRepository } from '../users/users.repository';

/**
 * Producer side of the unread digest: a direct message to someone with no connected socket (and the
 * digest on; see MissedDirectMessages) schedules one delayed job for that recipient. The job id is per recipient and per delay
 * window, so a burst of messages makes one job, never one per message.
 */
@Injectable()
export class UnreadDigestScheduler {
  private readonly log = new Logger('UnreadDigest');

  constructor(
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  get delayMs(): number {
    return this.config.unreadDigestDelaySeconds * 1000;
  }

  /**
   * Recipients of a direct message who had no connected socket (decided once, by MissedDirectMessages).
   * Never throws and never delays the sender: a digest is a courtesy, the message is already stored.
   */
  missedBy(offlineRecipientIds: string[]): void {
    void this.schedule(offlineRecipientIds).catch((err: unknown) =>
      this.log.warn(`not scheduled: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async schedule(offline: string[]): Promise<void> {
    const recipients = await this.users.withDigestOn(offline);
    const window = Math.floor(Date.now() / this.delayMs);
    for (const id of recipients) {
      await this.queue.add(
        JobName.UnreadDigest,
        { userId: id },
        { jobId: `unread-digest:${id}:w${window}`, delayMs: this.delayMs },
      );
    }
  }

  /** A follow-up for messages too young to be in this digest: due when the oldest of them is. */
  async followUp(userId: string, oldestMessageId: string, dueInMs: number): Promise<void> {
    await this.queue.add(
      JobName.UnreadDigest,
      { userId },
      { jobId: `unread-digest:${userId}:m${oldestMessageId}`, delayMs: Math.max(0, dueInMs) + 250 },
    );
  }
}
