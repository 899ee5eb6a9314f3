import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import type { JobName, JobPayloads } from '@world-it/contracts';
import { IsNull, LessThan, Repository, type EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import { MailOutbox } from './mail-outbox.entity';

const RELAY_EVERY_MS = 10_000;
/** A row younger than this is left to the relay right after its commit. */
const RELAY_GRACE_MS = 5_000;
const ENQUEUE_TIMEOUT_MS = 5_000;
const BATCH = 100;

/**
 * The producer side of mail: a row in `mail_outbox`, written in the caller's transaction, then relayed
 * to the queue with its id as the job id (so relaying twice adds one job). Whatever the queue refused
 * (Redis down) is relayed again by the periodic relay.
 */
@Injectable()
export class MailOutboxService {
  private readonly log = new Logger('MailOutbox');
  private relaying = false;

  constructor(
    @InjectRepository(MailOutbox) private readonly outbox: Repository<MailOutbox>,
    private readonly queue: JobQueue,
  ) {}

  /** Persists a mail job in the caller's transaction; call `relaySoon` with the id after the commit. */
  async add<N extends JobName>(em: EntityManager, name: N, payload: JobPayloads[N]): Promise<MailOutbox> {
    const repo = em.getRepository(MailOutbox);
    return repo.save(
      repo.create({ jobName: name, payload: payload as unknown as Record<string, unknown>, enqueuedAt: null }),
    );
  }

  /** Relays without making the caller wait for the queue (the request answers at once). */
  relaySoon(row: MailOutbox): void {
    void this.relay(row);
  }

  /** Puts one outbox row on the queue; true when it got there. Never throws. */
  async relay(row: Pick<MailOutbox, 'id' | 'jobName' | 'payload'>): Promise<boolean> {
    try {
      await withTimeout(
        this.queue.add(row.jobName as JobName, row.payload as unknown as JobPayloads[JobName], {
          jobId: row.id,
        }),
        ENQUEUE_TIMEOUT_MS,
      );
      await this.outbox.update({ id: row.id }, { enqueuedAt: new Date(), lastError: null });
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn(`Could not enqueue ${row.jobName} ${row.id}: ${message}; the relay will retry`);
      await this.outbox
        .createQueryBuilder()
        .update()
        .set({ attempts: () => '"attempts" + 1', lastError: message.slice(0, 1000) })
        .where('id = :id', { id: row.id })
        .execute()
        .catch(() => undefined);
      return false;
    }
  }

  /** Relays every row not yet on the queue (older than `graceMs`); returns how many got there. */
  async relayPending(graceMs = RELAY_GRACE_MS): Promise<number> {
    const rows = await this.outbox.find({
      where: { enqueuedAt: IsNull(), createdAt: LessThan(new Date(Date.now() - graceMs)) },
      order: { createdAt: 'ASC' },
      take: BATCH,
    });
    let relayed = 0;
    for (const row of rows) if (await this.relay(row)) relayed++;
    return relayed;
  }

  @Interval('mail-outbox-relay', RELAY_EVERY_MS)
  async relayTick(): Promise<void> {
    if (this.relaying) return;
    this.relaying = true;
    try {
      const n = await this.relayPending();
      if (n) this.log.log(`Relayed ${n} pending mail job(s)`);
    } catch (err) {
      this.log.warn(`Relay failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.relaying = false;
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
