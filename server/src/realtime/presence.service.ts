import {
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';

/** How long a socket counts as connected without a heartbeat (a crashed process's sockets lapse). */
const SOCKET_TTL_MS = 90_000;
const HEARTBEAT_MS = 30_000;

/**
 * Who is online: a user with at least one connected socket on any process. With Redis, each user has
 * a sorted set of socket ids scored by expiry, refreshed by a heartbeat, so counts are shared by every
 * API process and survive a process dying mid-way; without Redis, a map in memory.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly log = new Logger('Presence');
  /**
   * This process's sockets: userId → socket ids. Such a user is online without asking Redis; in memory
   * mode these are all the sockets there are.
   */
  private readonly local = new Map<string, Set<string>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:presence:`;
  }

  onModuleInit(): void {
    if (!this.redis.client) return;
    this.heartbeat = setInterval(() => void this.refresh(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** A graceful stop: this process's sockets stop counting at once (a crash lets them lapse instead). */
  async onModuleDestroy(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const client = this.redis.client;
    const sockets = [...this.local];
    this.local.clear();
    if (!client || sockets.length === 0) return;
    const pipeline = client.pipeline();
    for (const [userId, ids] of sockets) for (const socketId of ids) pipeline.zrem(this.prefix + userId, socketId);
    await pipeline.exec().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  /** Registers a socket; true when it is the user's first (the user just came online). */
  async connected(userId: string, socketId: string): Promise<boolean> {
    const mine = this.local.get(userId) ?? new Set<string>();
    mine.add(socketId);
    this.local.set(userId, mine);
    const client = this.redis.client;
    if (!client) return mine.size === 1;
    const now = Date.now();
    const key = this.prefix + userId;
    const res = await client
      .multi()
      .zremrangebyscore(key, '-inf', now)
      .zadd(key, now + SOCKET_TTL_MS, socketId)
      .zcard(key)
      .pexpire(key, SOCKET_TTL_MS)
      .exec();
    return Number(res?.[2]?.[1] ?? 0) === 1;
  }

  /** Unregisters a socket; true when it was the user's last (the user just went offline). */
  async disconnected(userId: string, socketId: string): Promise<boolean> {
    const mine = this.local.get(userId);
    const removed = mine?.delete(socketId) ?? false;
    if (mine?.size === 0) this.local.delete(userId);
    const client = this.redis.client;
    if (!client) return removed && !this.local.has(userId);
    const now = Date.now();
    const key = this.prefix + userId;
    const res = await client.multi().zrem(key, socketId).zremrangebyscore(key, '-inf', now).zcard(key).exec();
    return Number(res?.[0]?.[1] ?? 0) === 1 && Number(res?.[2]?.[1] ?? 0) === 0;
  }

  async isOnline(userId: string): Promise<boolean> {
    return (await this.onlineAmong([userId])).has(userId);
  }

  /**
   * The subset of these users who are online: at most one round trip, none when each has a socket on
   * this process (a message's author, nearly always).
   */
  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const online = new Set<string>();
    const ask: string[] = [];
    for (const id of new Set(userIds)) {
      if (this.local.has(id)) online.add(id);
      else ask.push(id);
    }
    const client = this.redis.client;
    if (!client || ask.length === 0) return online;
    const now = Date.now();
    const pipeline = client.pipeline();
    for (const id of ask) pipeline.zcount(this.prefix + id, now, '+inf');
    const res = (await pipeline.exec()) ?? [];
    ask.forEach((id, i) => {
      if (Number(res[i]?.[1] ?? 0) > 0) online.add(id);
    });
    return online;
  }

  private async refresh(): Promise<void> {
    const client = this.redis.client;
    if (!client || this.local.size === 0) return;
    const expiry = Date.now() + SOCKET_TTL_MS;
    const pipeline = client.pipeline();
    for (const [userId, ids] of this.local) {
      for (const socketId of ids) pipeline.zadd(this.prefix + userId, expiry, socketId);
      pipeline.pexpire(this.prefix + userId, SOCKET_TTL_MS);
    }
    try {
      await pipeline.exec();
    } catch (err) {
      this.log.warn(`heartbeat failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
