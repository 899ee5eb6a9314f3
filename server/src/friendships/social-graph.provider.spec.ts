import type { BlocksRepository } from './blocks.repository';
import type { FriendshipRow, FriendshipsRepository } from './friendships.repository';
import { orderedPair } from './friendships.repository';
import { FriendshipsSocialGraph, friendshipStatus } from './social-graph.provider';

const [ME, A, B, C] = ['10000000-0000-4000-8000-000000000000', '2', '3', '4'].map((s) =>
  s.length > 1 ? s : `${s}0000000-0000-4000-8000-000000000000`,
);

function row(other: string, status: 'pending' | 'accepted', requester: string): FriendshipRow {
  const [low, high] = orderedPair(ME, other);
  return {
    id: other,
    user_low: low,
    user_high: high,
    requester_id: requester,
    status,
    created_at: new Date(),
    accepted_at: null,
  };
}

describe('friendship status as the viewer sees it', () => {
  it('accepted is friends whoever asked; pending is outgoing for the requester and incoming for the other', () => {
    expect(friendshipStatus(ME, { status: 'accepted', requester_id: A })).toBe('friends');
    expect(friendshipStatus(ME, { status: 'pending', requester_id: ME })).toBe('outgoing');
    expect(friendshipStatus(ME, { status: 'pending', requester_id: A })).toBe('incoming');
  });

  it('statusBetween answers every id (self, none, and each row seen from the viewer) from one query', async () => {
    const pairRowsWith = jest.fn(async () => [row(A, 'accepted', A), row(B, 'pending', ME)]);
    const graph = new FriendshipsSocialGraph(
      { pairRowsWith } as unknown as FriendshipsRepository,
      {} as BlocksRepository,
    );
    const out = await graph.statusBetween(ME, [ME, A, B, C, A]);
    expect(pairRowsWith).toHaveBeenCalledTimes(1);
    expect(pairRowsWith).toHaveBeenCalledWith(ME, [A, B, C]);
    expect(Object.fromEntries(out)).toEqual({ [ME]: 'self', [A]: 'friends', [B]: 'outgoing', [C]: 'none' });
  });

  it('countsOf answers 0 for ids without friends', async () => {
    const graph = new FriendshipsSocialGraph(
      { countsOf: async () => new Map([[A, 2]]) } as unknown as FriendshipsRepository,
      {} as BlocksRepository,
    );
    expect(Object.fromEntries(await graph.countsOf([A, B]))).toEqual({ [A]: 2, [B]: 0 });
  });

  it('orders a pair the same whichever direction it is given', () => {
    expect(orderedPair(B, A)).toEqual(orderedPair(A, B));
    expect(orderedPair(A, B)[0] < orderedPair(A, B)[1]).toBe(true);
  });
});
