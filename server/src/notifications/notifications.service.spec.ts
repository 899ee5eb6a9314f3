import type { PresenceService } from '../realtime/presence.service';
import type { RealtimeEmitter } from '../realtime/realtime-emitter';
import type { User } from '../users/user.entity';
import type { BlockChecker } from '../users/social-graph';
import type { UsersRepository } from '../users/users.repository';
import type { NewNotification, NotificationRow, NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

const ANN = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAT = '33333333-3333-4333-8333-333333333333';
const ROOM = '44444444-4444-4444-8444-444444444444';

function user(id: string, displayName: string): User {
  return { id, displayName, avatarImageId: null } as User;
}

/** The rules of making a notification, with the table, the block list, presence and sockets mocked away. */
describe('NotificationsService', () => {
  let stored: Array<NotificationRow & { unread: boolean }>;
  let blockedPairs: Array<[string, string]>;
  let pushes: Array<{ userId: string; event: string; payload: unknown }>;
  let findByIds: jest.Mock;
  let service: NotificationsService;

  beforeEach(() => {
    stored = [];
    blockedPairs = [];
    pushes = [];
    // An in-memory table that keeps the one rule the unique index keeps: one unread row per key.
    const repo = {
      upsertUnread: async (n: NewNotification) => {
        const same = stored.find(
          (r) =>
            r.unread &&
            r.recipient_id === n.recipientId &&
            r.type === n.type &&
            r.actor_id === n.actorId &&
            r.subject_id === n.subjectId,
        );
        if (same) {
          same.created_at = new Date(same.created_at.getTime() + 1000);
          return { row: same, created: false };
        }
        const row = {
          id: `n${stored.length + 1}`,
          recipient_id: n.recipientId,
          type: n.type,
          actor_id: n.actorId,
          subject_id: n.subjectId,
          actors_count: 1,
          read_at: null,
          created_at: new Date('2025-01-01T00:00:00Z'),
          unread: true,
        };
        stored.push(row);
        return { row, created: true };
      },
      unreadCount: async (id: string) => stored.filter((r) => r.recipient_id === id && r.unread).length,
      page: async (id: string) => stored.filter((r) => r.recipient_id === id),
      markRead: async (id: string, ids?: string[]) => {
        const hit = stored.filter((r) => r.recipient_id === id && r.unread && (!ids || ids.includes(r.id)));
        for (const r of hit) r.unread = false;
        return hit.length;
      },
    } as unknown as NotificationsRepository;
    const people = new Map([ANN, BOB, CAT].map((id, i) => [id, user(id, ['Ann', 'Bob', 'Cat'][i])]));
    findByIds = jest.fn(async (ids: string[]) => ids.map((id) => people.get(id)).filter(Boolean));
    const users = { findByIds } as unknown as UsersRepository;
    const presence = { onlineAmong: async (ids: string[]) => new Set(ids.filter((id) => id === BOB)) };
    // Either direction, as the real BlockChecker answers.
    const blocks = {
      isBlocked: async (a: string, b: string) =>
        blockedPairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
      blockedAmong: async (a: string, ids: string[]) =>
        new Set(ids.filter((b) => blockedPairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a)))),
    } as Partial<BlockChecker> as BlockChecker;
    const realtime = {
      toUser: (userId: string, event: string, payload: unknown) => pushes.push({ userId, event, payload }),
    } as unknown as RealtimeEmitter;
    service = new NotificationsService(repo, users, presence as unknown as PresenceService, blocks, realtime);
  });

  const missedFrom = (actorId: string, recipientId = ANN): NewNotification => ({
    recipientId,
    type: 'message',
    actorId,
    subjectId: ROOM,
  });

  it('stores a notification with its actor and pushes it and the new unread count to the recipient', async () => {
    const n = await service.notify(missedFrom(BOB));
    expect(n).toEqual({
      id: 'n1',
      type: 'message',
      actor: { id: BOB, displayName: 'Bob', avatarUrl: null, online: true },
      subjectId: ROOM,
      actorsCount: 1,
      read: false,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    expect(pushes).toEqual([
      { userId: ANN, event: 'notification', payload: n },
      { userId: ANN, event: 'notifications:unread', payload: { count: 1 } },
    ]);
  });

  it('never notifies someone of their own action', async () => {
    expect(await service.notify(missedFrom(ANN))).toBeNull();
    expect(stored).toHaveLength(0);
    expect(pushes).toHaveLength(0);
  });

  it('never notifies across a block, whichever of the two blocked the other', async () => {
    blockedPairs = [[ANN, BOB]]; // Ann blocked Bob: Bob's actions do not reach Ann
    expect(await service.notify(missedFrom(BOB, ANN))).toBeNull();
    blockedPairs = [[BOB, ANN]]; // Bob blocked Ann: Bob's actions do not reach Ann either
    expect(await service.notify({ recipientId: ANN, type: 'friend_request', actorId: BOB, subjectId: CAT })).toBeNull();
    expect(stored).toHaveLength(0);
    expect(pushes).toHaveLength(0);
    // Someone else still gets through.
    expect(await service.notify(missedFrom(CAT, ANN))).not.toBeNull();
  });

  it('folds repeats from the same actor about the same subject into the one unread notification, moved to now', async () => {
    const first = await service.notify(missedFrom(BOB));
    pushes = [];
    const again = await service.notify(missedFrom(BOB));
    expect(again!.id).toBe(first!.id);
    expect(Date.parse(again!.createdAt)).toBeGreaterThan(Date.parse(first!.createdAt));
    expect(stored).toHaveLength(1);
    // Pushed again so the list moves it to the top; the count did not change, so it is not pushed.
    expect(pushes).toEqual([{ userId: ANN, event: 'notification', payload: again }]);
  });

  it('keeps different actors, subjects and types apart, and starts a new one once the old is read', async () => {
    await service.notify(missedFrom(BOB));
    await service.notify(missedFrom(CAT));
    await service.notify({ ...missedFrom(BOB), subjectId: '55555555-5555-4555-8555-555555555555' });
    await service.notify({ ...missedFrom(BOB), type: 'post_commented' });
    expect(await service.unreadCount(ANN)).toBe(4);
    await service.markRead(ANN, ['n1']);
    const fresh = await service.notify(missedFrom(BOB));
    expect(fresh!.id).toBe('n5');
    expect(await service.unreadCount(ANN)).toBe(4);
  });

  it('lists a page with every actor fetched in one batch', async () => {
    await service.notify(missedFrom(BOB));
    await service.notify(missedFrom(CAT));
    await service.notify({ ...missedFrom(BOB), type: 'friend_request', subjectId: CAT });
    findByIds.mockClear();
    const page = await service.list(ANN, { limit: 20 });
    expect(page.items.map((n) => n.actor?.displayName)).toEqual(['Bob', 'Cat', 'Bob']);
    expect(page.nextCursor).toBeNull();
    expect(findByIds).toHaveBeenCalledTimes(1);
    expect(findByIds).toHaveBeenCalledWith([BOB, CAT]);
  });

  it('lists an older notification from someone now in a block with me with its actor offline', async () => {
    await service.notify(missedFrom(BOB)); // Bob is online (the presence mock)
    await service.notify(missedFrom(CAT));
    expect((await service.list(ANN, { limit: 20 })).items.find((n) => n.actor?.id === BOB)?.actor?.online).toBe(true);
    blockedPairs = [[BOB, ANN]];
    const page = await service.list(ANN, { limit: 20 });
    expect(page.items.map((n) => [n.actor?.id, n.actor?.online])).toEqual([
      [BOB, false],
      [CAT, false],
    ]);
  });

  it('pushes the unread count after marking read only when something changed', async () => {
    await service.notify(missedFrom(BOB));
    pushes = [];
    await service.markRead(ANN, ['not-mine']);
    expect(pushes).toEqual([]);
    await service.markRead(ANN);
    expect(pushes).toEqual([{ userId: ANN, event: 'notifications:unread', payload: { count: 0 } }]);
  });
});
