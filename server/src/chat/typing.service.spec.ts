import type { UserSummary } from '@world-it/contracts';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { RedisService } from '../redis/redis.service';
import type { RealtimeEmitter } from '../realtime/realtime-emitter';
import { TypingService } from './typing.service';

type Sent = { roomId: string; except: string; isTyping: boolean; at: number };
const user: UserSummary = { id: 'u1', displayName: 'Ann', avatarUrl: null, online: true };
const recorder = (sent: Sent[]): RealtimeEmitter =>
  ({
    toRoomExceptUser: (roomId: string, except: string, _e: string, p: { isTyping: boolean; user: UserSummary }) => {
      expect(p.user).toEqual(user);
      sent.push({ roomId, except, isTyping: p.isTyping, at: Date.now() });
    },
  }) as unknown as RealtimeEmitter;
const brief = (sent: Sent[]): string[] => sent.map((s) => `${s.roomId}:${s.isTyping}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('TypingService in memory (no Redis)', () => {
  let sent: Sent[];
  let typing: TypingService;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    typing = new TypingService(recorder(sent), { client: null } as RedisService, { queuePrefix: 'x' } as AppConfig);
  });
  afterEach(() => {
    typing.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('announces the start once, to everyone but the typist, and the end when 5 s pass without a refresh', async () => {
    await typing.set('r1', user, true);
    await jest.advanceTimersByTimeAsync(3000);
    await typing.set('r1', user, true); // a refresh: no second announcement, the clock restarts
    await jest.advanceTimersByTimeAsync(4999);
    expect(sent.map(({ at: _, ...s }) => s)).toEqual([{ roomId: 'r1', except: 'u1', isTyping: true }]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent.map(({ at: _, ...s }) => s)).toEqual([
      { roomId: 'r1', except: 'u1', isTyping: true },
      { roomId: 'r1', except: 'u1', isTyping: false },
    ]);
  });

  it('stops on request, on stopAll (last socket gone), and says nothing when nothing was going on', async () => {
    await typing.stop('r1', 'u1');
    expect(sent).toEqual([]);
    await typing.set('r1', user, true);
    await typing.set('r2', user, true);
    await typing.set('r1', user, false);
    await typing.stopAll('u1');
    expect(brief(sent)).toEqual(['r1:true', 'r2:true', 'r1:false', 'r2:false']);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(4);
  });
});

/** Two "processes" (two services, two connections) sharing a real Redis, with a short TTL. */
describe('TypingService shared through Redis', () => {
  const TTL = 400;
  const prefix = `world-it-unit-typing-${process.pid}-${Date.now()}`;
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  let clients: Redis[];
  let sent: Sent[];
  let one: TypingService;
  let two: TypingService;

  beforeAll(() => {
    clients = [new Redis(url, { maxRetriesPerRequest: 1 }), new Redis(url, { maxRetriesPerRequest: 1 })];
  });
  beforeEach(() => {
    sent = [];
    [one, two] = clients.map(
      (client) =>
        new TypingService(recorder(sent), { client } as RedisService, { queuePrefix: prefix } as AppConfig, TTL),
    );
  });
  afterEach(() => {
    one.onApplicationShutdown();
    two.onApplicationShutdown();
  });
  afterAll(async () => {
    const keys = await clients[0].keys(`${prefix}:*`);
    if (keys.length) await clients[0].del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('keeps the documented key: the UserSummary under <prefix>:typing:<room>:<user> with the TTL', async () => {
    await one.start('k1', user);
    const key = `${prefix}:typing:k1:u1`;
    expect(JSON.parse((await clients[0].get(key))!)).toEqual(user);
    const ttl = await clients[0].pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL);
    await one.stop('k1', 'u1');
    expect(await clients[0].exists(key)).toBe(0);
  });

  it('one typist on two processes: announced once, and ended once, a TTL after the last refresh anywhere', async () => {
    await one.start('r1', user);
    await sleep(TTL / 2);
    const last = Date.now();
    await two.start('r1', user); // the other tab: a refresh, not a second start
    expect(brief(sent)).toEqual(['r1:true']);
    // one's timer fires first, finds it refreshed, waits the remainder; two's (or one's) then ends it.
    await sleep(TTL * 2.5);
    expect(brief(sent)).toEqual(['r1:true', 'r1:false']);
    expect(sent[1].at - last).toBeGreaterThanOrEqual(TTL - 20);
    expect(sent[1].at - last).toBeLessThan(TTL + 200);
  });

  it('an explicit stop on one process ends what the other started, once; the other’s timer stays quiet', async () => {
    await one.start('r2', user);
    await two.stop('r2', 'u1');
    await one.stop('r2', 'u1');
    await sleep(TTL * 1.5);
    expect(brief(sent)).toEqual(['r2:true', 'r2:false']);
  });

  it('stopAll on one process finds the rooms the user was typing in through the other', async () => {
    await one.start('r3', user);
    await one.start('r4', user);
    await two.stopAll('u1');
    await sleep(TTL * 1.5);
    expect(brief(sent).sort()).toEqual(['r3:false', 'r3:true', 'r4:false', 'r4:true']);
  });

  it('a stop after the TTL ran out but before any timer noticed still announces the end (once)', async () => {
    await one.start('r5', user);
    one.onApplicationShutdown(); // its timer is gone (as if the process died)
    await sleep(TTL + 100);
    await two.stop('r5', 'u1');
    await one.stop('r5', 'u1');
    expect(brief(sent)).toEqual(['r5:true', 'r5:false']);
    await two.start('r5', user); // typing again afterwards is a new start
    await two.stop('r5', 'u1');
    expect(brief(sent)).toEqual(['r5:true', 'r5:false', 'r5:true', 'r5:false']);
  });

  it('restarting right after an end announces again; stopping twice says nothing more', async () => {
    await one.start('r6', user);
    await sleep(TTL + 150);
    await two.start('r6', user);
    await two.stop('r6', 'u1');
    await two.stop('r6', 'u1');
    await sleep(TTL * 1.5);
    expect(brief(sent)).toEqual(['r6:true', 'r6:false', 'r6:true', 'r6:false']);
  });
});
