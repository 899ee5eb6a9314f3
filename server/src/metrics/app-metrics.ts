import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueCounts } from '@world-it/contracts';
import { JobQueue } from '../jobs/job-queue';

/** The job states `queue_jobs` reports, as the queue counts them. */
const QUEUE_STATES: ReadonlyArray<keyof QueueCounts> = ['waiting', 'active', 'delayed', 'failed', 'completed'];

/** Seconds; from a fast cached read to a slow upload (two image encodes). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * This API process's Prometheus metrics, on a registry of its own (not prom-client's global one), so
 * two apps in one process (the e2e tests) each count only their own. Features record through the
 * methods below; `/api/metrics` renders the registry.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern (never the raw URL) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly sockets = new Gauge({
    name: 'socket_connections',
    help: 'Authenticated sockets of the /chat namespace connected to this process',
    registers: [this.registry],
  });

  private readonly stored = new Counter({
    name: 'chat_messages_stored_total',
    help: 'Chat messages stored by this process (REST and socket; a resend with a known clientId is not counted)',
    registers: [this.registry],
  });

  private readonly delivered = new Counter({
    name: 'chat_messages_delivered_total',
    help: "Chat messages (message:new) this process pushed to a recipient's socket, one per socket; the author's own sockets are not counted",
    registers: [this.registry],
  });

  private readonly sendBatch = new Histogram({
    name: 'chat_send_batch_size',
    help: 'Text messages to group rooms per send statement (group commit: more than one when sends arrive while others are being stored)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
    registers: [this.registry],
  });

  /** Whether the process metrics are being collected (from the first scrape on, see render). */
  private processMetrics = false;

  constructor(jobs: JobQueue) {
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs of each queue by state, read from the queue on every scrape',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await jobs.counts();
        for (const state of QUEUE_STATES) this.set({ queue: jobs.name, state }, counts[state]);
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  setSocketConnections(count: number): void {
    this.sockets.set(count);
  }

  messageStored(): void {
    this.stored.inc();
  }

  /** One send statement of the group-room path, storing `size` messages (see GroupCommit). */
  sendStatement(size: number): void {
    this.sendBatch.observe(size);
  }

  messageDelivered(): void {
    this.delivered.inc();
  }

  render(): Promise<string> {
    // Started by the first scrape, not at boot: their GC observer and event-loop monitor stay for the
    // life of the process and slow every later app in it (the test suites boot dozens), and only a
    // process that is scraped needs them. CPU, memory and handle counts are read from the process, so
    // they are whole from the first scrape; GC durations and event-loop lag count from there on.
    if (!this.processMetrics) {
      this.processMetrics = true;
      collectDefaultMetrics({ register: this.registry });
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
