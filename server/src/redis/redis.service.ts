import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Redis connections, when REDIS_URL is set: one shared command client plus any dedicated clients a
 * feature needs (pub/sub). `client` is null in single-process mode; callers fall back to memory.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly log = new Logger('Redis');
  readonly client: Redis | null;
  private readonly extra: Redis[] = [];

  constructor(private readonly config: AppConfig) {
    this.client = config.redisUrl ? this.connect('main') : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** A dedicated connection (e.g. for a subscriber); closed with the app. */
  createClient(name: string): Redis {
    const client = this.connect(name);
    this.extra.push(client);
    return client;
  }

  private connect(name: string): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.config.redisUrl, {
      connectionName: `world-it:${name}`,
      maxRetriesPerRequest: 3,
      enableOfflineQueue: true,
    });
    client.on('error', (err: Error) => this.log.warn(`${name}: ${err.message}`));
    failFastOnceReady(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client, ...this.extra].filter((c): c is Redis => c !== null).map((c) => quit(c)));
  }
}

async function quit(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/**
 * Commands sent while connecting at start wait for the connection; once it has been up, a command
 * while Redis is away fails at once (every caller falls back or says so) instead of holding a request
 * through reconnection attempts for seconds.
 */
export function failFastOnceReady(client: Redis): void {
  client.once('ready', () => {
    client.options.enableOfflineQueue = false;
  });
}
