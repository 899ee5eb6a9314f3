import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JOB_QUEUE } from '@world-it/contracts';
import type { Queue } from 'bull';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** The worker's liveness file: docker-compose.yml's health check reads its age. */
export const WORKER_HEARTBEAT_FILE = join(tmpdir(), 'world-it-worker.heartbeat');
export const WORKER_HEARTBEAT_EVERY_MS = 10_000;

/**
 * The worker has no HTTP port to probe, so every 10 s it makes a round trip to PostgreSQL and to the
 * queue's Redis and, when both answer, rewrites the heartbeat file. A stuck or disconnected worker
 * stops touching it and turns unhealthy.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerHeartbeat');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue(JOB_QUEUE) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), WORKER_HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One beat; false (and no file write) when PostgreSQL or Redis did not answer. */
  async beat(file = WORKER_HEARTBEAT_FILE): Promise<boolean> {
    try {
      await this.ds.query('SELECT 1');
      await this.queue.client.ping();
      await writeFile(file, new Date().toISOString());
      return true;
    } catch (err) {
      this.log.warn(`No heartbeat: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }
}
