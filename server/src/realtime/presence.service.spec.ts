import type { AppConfig } from '../config/app-config';
import type { RedisService } from '../redis/redis.service';
import { PresenceService } from './presence.service';

/** A Redis client that records which users' presence was asked for. */
function recordingRedis() {
  const asked: string[] = [];
  const client = {
    multi: () => {
      const chain = {
        zremrangebyscore: () => chain,
        zadd: () => chain,
        zrem: () => chain,
        zcard: () => chain,
        pexpire: () => chain,
        exec: async () => [
          [null, 0],
          [null, 1],
          [null, 1],
          [null, 1],
        ],
      };
      return chain;
    },
    pipeline: () => {
      const keys: string[] = [];
      const chain = {
        zcount: (key: string) => (keys.push(key), chain),
        exec: async () => {
          asked.push(...keys.map((k) => k.split(':').pop()!));
          return keys.map((k) => [null, k.endsWith('remote') ? 1 : 0]);
        },
      };
      return chain;
    },
  };
  return {
    asked,
    service: new PresenceService({ client } as unknown as RedisService, { queuePrefix: 'p' } as AppConfig),
  };
}

describe('PresenceService.onlineAmong', () => {
  it('answers for a user with a socket on this process without asking Redis', async () => {
    const { asked, service } = recordingRedis();
    await service.connected('local', 's1');
    expect([...(await service.onlineAmong(['local']))]).toEqual(['local']);
    expect(asked).toEqual([]);
  });

  it('asks Redis only for the others, and forgets a user whose last local socket left', async () => {
    const { asked, service } = recordingRedis();
    await service.connected('local', 's1');
    await service.connected('local', 's2');
    await service.disconnected('local', 's1');
    const online = await service.onlineAmong(['local', 'remote', 'away']);
    expect([...online].sort()).toEqual(['local', 'remote']);
    expect(asked.sort()).toEqual(['away', 'remote']);

    await service.disconnected('local', 's2');
    expect(await service.onlineAmong(['local'])).toEqual(new Set());
    expect(asked).toContain('local');
  });

  it('keeps memory mode right', async () => {
    const service = new PresenceService({ client: null } as unknown as RedisService, { queuePrefix: 'p' } as AppConfig);
    await service.connected('a', 's1');
    expect(await service.onlineAmong(['a', 'b'])).toEqual(new Set(['a']));
    await service.disconnected('a', 's1');
    expect(await service.onlineAmong(['a'])).toEqual(new Set());
  });
});
