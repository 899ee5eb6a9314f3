import type { BlockChecker } from '../users/social-graph';
import type { PresenceService } from './presence.service';
import { onlineSeenBy, onlineSeenByEach } from './viewer-presence';

const ANN = 'ann';
const BOB = 'bob';
const CAT = 'cat';
const DAN = 'dan';

/** Presence as each viewer may see it, with presence and the block list mocked (Ann and Bob in a block). */
describe('viewer presence', () => {
  const pairs: Array<[string, string]> = [[BOB, ANN]]; // Bob blocked Ann
  const inBlock = (a: string, b: string) => pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  let blockedAmong: jest.Mock;
  let blockedAcross: jest.Mock;
  let onlineAmong: jest.Mock;
  let presence: PresenceService;
  let blocks: BlockChecker;

  beforeEach(() => {
    onlineAmong = jest.fn(async (ids: string[]) => new Set(ids.filter((id) => id !== DAN)));
    blockedAmong = jest.fn(async (viewer: string, ids: string[]) => new Set(ids.filter((id) => inBlock(viewer, id))));
    blockedAcross = jest.fn(async (viewers: string[], ids: string[]) => {
      const out = new Map<string, Set<string>>();
      for (const v of viewers) {
        const hit = ids.filter((id) => inBlock(v, id));
        if (hit.length) out.set(v, new Set(hit));
      }
      return out;
    });
    presence = { onlineAmong } as unknown as PresenceService;
    blocks = { blockedAmong, blockedAcross } as Partial<BlockChecker> as BlockChecker;
  });

  it('one viewer: whoever is in a block with them (either way) reads offline, in one call of each', async () => {
    expect([...(await onlineSeenBy(presence, blocks, ANN, [ANN, BOB, CAT, DAN, BOB]))].sort()).toEqual([ANN, CAT]);
    expect([...(await onlineSeenBy(presence, blocks, BOB, [ANN, CAT]))].sort()).toEqual([CAT]);
    expect([...(await onlineSeenBy(presence, blocks, CAT, [ANN, BOB]))].sort()).toEqual([ANN, BOB]);
    expect(onlineAmong).toHaveBeenCalledTimes(3);
    expect(blockedAmong).toHaveBeenCalledTimes(3);
    expect(blockedAmong).toHaveBeenNthCalledWith(1, ANN, [BOB, CAT, DAN]); // never asks about the viewer
  });

  it('asks nothing of the block list when the only user is the viewer', async () => {
    expect([...(await onlineSeenBy(presence, blocks, ANN, [ANN]))]).toEqual([ANN]);
    expect(blockedAmong).not.toHaveBeenCalled();
  });

  it('several viewers: one presence lookup and one block query; viewers in no block share one set', async () => {
    const seenBy = await onlineSeenByEach(presence, blocks, [ANN, BOB, CAT, DAN], [ANN, BOB, CAT, DAN]);
    expect([...seenBy(ANN)].sort()).toEqual([ANN, CAT]);
    expect([...seenBy(BOB)].sort()).toEqual([BOB, CAT]);
    expect([...seenBy(CAT)].sort()).toEqual([ANN, BOB, CAT]);
    expect(seenBy(DAN)).toBe(seenBy(CAT));
    expect(onlineAmong).toHaveBeenCalledTimes(1);
    expect(blockedAcross).toHaveBeenCalledTimes(1);
  });
});
