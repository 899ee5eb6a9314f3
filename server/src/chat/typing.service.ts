import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { TYPING_TTL_MS, type UserSummary } from '@world-it/contracts';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { RealtimeEmitter } from '../realtime/realtime-emitter';

/** Optional provider overriding the 5 s lapse (tests). */
export const TYPING_TTL = Symbol('TYPING_TTL');

/**
 * How long "announced as typing" outlives the last refresh, so that whoever stops it (an explicit
 * stop, or a lapse noticed a little late) still finds it and says `isTyping: false`.
 */
const OPEN_GRACE_MS = 10_000;

/**
 * "X is typing" per (room, user). The others in the room hear `isTyping: true` when it starts and
 * `isTyping: false` once, when it stops: on request, when the user sends a message, when their last
 * socket goes away, or when nothing refreshed it for 5 s (a client that vanished mid-sentence does not
 * type forever).
 *
 * With Redis the state is shared by every API process, so two tabs of one user on two processes are
 * one typist: announced once, lapsing 5 s after the last refresh wherever it came from. Every process
 * that received a refresh keeps a local timer; when it fires it asks the store, which either says how
 * long is left (another process refreshed it: wait that long) or atomically hands the end to exactly
 * one caller. Without Redis the same logic runs against a map in memory.
 */
@Injectable()
export class TypingService implements OnApplicationShutdown {
  private readonly log = new Logger('Typing');
  /** This process's lapse timers per (room, user). */
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; roomId: string; user: UserSummary }>();
  private readonly store: TypingStore;
  private readonly ttlMs: number;
  private closed = false;

  constructor(
    private readonly events: RealtimeEmitter,
    redis: RedisService,
    config: AppConfig,
    @Optional() @Inject(TYPING_TTL) ttlMs?: number,
  ) {
    this.ttlMs = ttlMs ?? TYPING_TTL_MS;
    this.store = redis.client
      ? new RedisTypingStore(redis.client, `${config.queuePrefix}:typing`)
      : new MemoryTypingStore();
  }

  async set(roomId: string, user: UserSummary, isTyping: boolean): Promise<void> {
    if (isTyping) await this.start(roomId, user);
    else await this.stop(roomId, user.id);
  }

  /** Starts or refreshes; `isTyping: true` only when the user was not already typing there (anywhere). */
  async start(roomId: string, user: UserSummary): Promise<void> {
    this.arm(roomId, user, this.ttlMs);
    try {
      if (await this.store.begin(roomId, user, this.ttlMs)) this.announce(roomId, user, true);
    } catch (err) {
      this.warn('start', err);
    }
  }

  /** Stops now; `isTyping: false` only when it was going on (and only by one caller). */
  async stop(roomId: string, userId: string): Promise<void> {
    this.disarm(roomId, userId);
    try {
      const user = await this.store.end(roomId, userId);
      if (user) this.announce(roomId, user, false);
    } catch (err) {
      this.warn('stop', err);
    }
  }

  /**
   * A message was sent: stops typing if it was started on this process (no Redis call otherwise, which
   * is nearly every message). Typing started through another process lapses there on its own, and every
   * client already drops an author's typing when their message arrives.
   */
  async stopIfTyping(roomId: string, userId: string): Promise<void> {
    if (this.timers.has(slot(roomId, userId))) await this.stop(roomId, userId);
  }

  /** The user's last socket (on any process) went away: whatever they were typing stops. */
  async stopAll(userId: string): Promise<void> {
    const rooms = new Set<string>();
    for (const t of this.timers.values()) if (t.user.id === userId) rooms.add(t.roomId);
    try {
      for (const roomId of await this.store.roomsOf(userId)) rooms.add(roomId);
    } catch (err) {
      this.warn('stopAll', err);
    }
    await Promise.all([...rooms].map((roomId) => this.stop(roomId, userId)));
  }

  onApplicationShutdown(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(roomId: string, user: UserSummary, ms: number): void {
    if (this.closed) return;
    const key = slot(roomId, user.id);
    const current = this.timers.get(key);
    if (current) clearTimeout(current.timer);
    const entry = { roomId, user, timer: setTimeout(() => void this.lapse(key, entry), ms) };
    entry.timer.unref();
    this.timers.set(key, entry);
  }

  private disarm(roomId: string, userId: string): void {
    const key = slot(roomId, userId);
    const current = this.timers.get(key);
    if (!current) return;
    clearTimeout(current.timer);
    this.timers.delete(key);
  }

  /** This process's timer fired: wait longer if someone refreshed it since, else end it (if nobody did). */
  private async lapse(key: string, entry: { roomId: string; user: UserSummary }): Promise<void> {
    let outcome: number | UserSummary | null;
    try {
      outcome = await this.store.lapse(entry.roomId, entry.user.id);
    } catch (err) {
      this.warn('lapse', err);
      outcome = this.ttlMs; // try again later rather than leave it typing forever
    }
    const mine = this.timers.get(key) === entry; // else re-armed (or stopped) meanwhile
    if (typeof outcome === 'number') {
      if (mine) this.arm(entry.roomId, entry.user, outcome);
      return;
    }
    if (mine) this.timers.delete(key);
    if (outcome) this.announce(entry.roomId, outcome, false);
  }

  private announce(roomId: string, user: UserSummary, isTyping: boolean): void {
    this.events.toRoomExceptUser(roomId, user.id, 'typing', { roomId, user, isTyping });
  }

  private warn(what: string, err: unknown): void {
    this.log.warn(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const slot = (roomId: string, userId: string): string => `${roomId}:${userId}`;

/** Where typing state lives: every operation is atomic, so concurrent callers agree on who announces. */
interface TypingStore {
  /** Marks (room, user) typing for `ttlMs` more; true when it was not already announced. */
  begin(roomId: string, user: UserSummary, ttlMs: number): Promise<boolean>;
  /** Ends it now: the typist to announce `false` for, to exactly one caller, if it was announced. */
  end(roomId: string, userId: string): Promise<UserSummary | null>;
  /**
   * A timer fired: the ms left if it was refreshed since, else (it lapsed) the typist to announce
   * `false` for, to exactly one caller; null when someone else already ended it.
   */
  lapse(roomId: string, userId: string): Promise<number | UserSummary | null>;
  /** The rooms the user may be typing in. */
  roomsOf(userId: string): Promise<string[]>;
}

/** Single process: one map. An entry stays until it is ended, even past its deadline. */
class MemoryTypingStore implements TypingStore {
  private readonly entries = new Map<string, { roomId: string; user: UserSummary; deadline: number }>();

  begin(roomId: string, user: UserSummary, ttlMs: number): Promise<boolean> {
    const key = slot(roomId, user.id);
    const fresh = !this.entries.has(key);
    this.entries.set(key, { roomId, user, deadline: Date.now() + ttlMs });
    return Promise.resolve(fresh);
  }

  end(roomId: string, userId: string): Promise<UserSummary | null> {
    const key = slot(roomId, userId);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return Promise.resolve(entry?.user ?? null);
  }

  lapse(roomId: string, userId: string): Promise<number | UserSummary | null> {
    const entry = this.entries.get(slot(roomId, userId));
    if (!entry) return Promise.resolve(null);
    const left = entry.deadline - Date.now();
    if (left > 0) return Promise.resolve(left);
    return this.end(roomId, userId);
  }

  roomsOf(userId: string): Promise<string[]> {
    return Promise.resolve([...this.entries.values()].filter((e) => e.user.id === userId).map((e) => e.roomId));
  }
}

/**
 * Shared by every API process. Per (room, user):
 *  - `<prefix>:<roomId>:<userId>`: the UserSummary JSON, PX the typing TTL; exists while typing is live;
 *  - `<prefix>-open:<roomId>:<userId>`: the same, PX the TTL plus a grace: the others were told
 *    `isTyping: true` and not yet `false`. Whoever deletes it (GETDEL, or DEL in the lapse script)
 *    announces the end, so it is announced once whichever processes race to it;
 * and per user `<prefix>-rooms:<userId>`: the rooms they may be typing in (for stopAll).
 */
class RedisTypingStore implements TypingStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  async begin(roomId: string, user: UserSummary, ttlMs: number): Promise<boolean> {
    const json = JSON.stringify(user);
    const rooms = this.roomsKey(user.id);
    const res = await this.client
      .multi()
      .set(this.liveKey(roomId, user.id), json, 'PX', ttlMs)
      .set(this.openKey(roomId, user.id), json, 'PX', ttlMs + OPEN_GRACE_MS, 'GET')
      .sadd(rooms, roomId)
      .pexpire(rooms, ttlMs + OPEN_GRACE_MS)
      .exec();
    return result(res, 1) === null;
  }

  async end(roomId: string, userId: string): Promise<UserSummary | null> {
    const res = await this.client
      .multi()
      .del(this.liveKey(roomId, userId))
      .getdel(this.openKey(roomId, userId))
      .srem(this.roomsKey(userId), roomId)
      .exec();
    return parseUser(result(res, 1));
  }

  async lapse(roomId: string, userId: string): Promise<number | UserSummary | null> {
    const out = (await this.client.eval(
      LAPSE_SCRIPT,
      3,
      this.liveKey(roomId, userId),
      this.openKey(roomId, userId),
      this.roomsKey(userId),
      roomId,
    )) as number | string | null;
    return typeof out === 'number' ? out : parseUser(out);
  }

  roomsOf(userId: string): Promise<string[]> {
    return this.client.smembers(this.roomsKey(userId));
  }

  private liveKey(roomId: string, userId: string): string {
    return `${this.prefix}:${roomId}:${userId}`;
  }

  private openKey(roomId: string, userId: string): string {
    return `${this.prefix}-open:${roomId}:${userId}`;
  }

  private roomsKey(userId: string): string {
    return `${this.prefix}-rooms:${userId}`;
  }
}

/** KEYS: live, open, rooms; ARGV: roomId. The ms left while live, else GETDEL open (nil if already ended). */
const LAPSE_SCRIPT = `
local left = redis.call('PTTL', KEYS[1])
if left == -1 then return 1000 end
if left >= 0 then return math.max(left, 1) end
local user = redis.call('GET', KEYS[2])
if user then
  redis.call('DEL', KEYS[2])
  redis.call('SREM', KEYS[3], ARGV[1])
end
return user
`;

function result(res: Array<[Error | null, unknown]> | null, index: number): unknown {
  const entry = res?.[index];
  if (!entry) throw new Error('The Redis transaction was aborted');
  if (entry[0]) throw entry[0];
  return entry[1];
}

function parseUser(raw: unknown): UserSummary | null {
  return typeof raw === 'string' ? (JSON.parse(raw) as UserSummary) : null;
}
