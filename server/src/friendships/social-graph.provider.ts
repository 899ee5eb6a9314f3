import { Injectable } from '@nestjs/common';
import type { FriendshipStatus } from '@world-it/contracts';
import type { BlockChecker, FriendDirectory } from '../users/social-graph';
import { BlocksRepository } from './blocks.repository';
import { FriendshipsRepository } from './friendships.repository';

/** The real BlockChecker and FriendDirectory (see users/social-graph.ts), over the two repositories. */
@Injectable()
export class FriendshipsSocialGraph implements BlockChecker, FriendDirectory {
  constructor(
    private readonly friendships: FriendshipsRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  isBlocked(userA: string, userB: string): Promise<boolean> {
    return this.blocks.eitherWay(userA, userB);
  }

  hasBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return this.blocks.exists(blockerId, blockedId);
  }

  blockedPeersOf(userId: string): Promise<string[]> {
    return this.blocks.peersOf(userId);
  }

  blockedAmong(userId: string, userIds: string[]): Promise<Set<string>> {
    return this.blocks.among(userId, userIds);
  }

  friendIdsOf(userId: string): Promise<string[]> {
    return this.friendships.friendIdsOf(userId);
  }

  async countsOf(userIds: string[]): Promise<Map<string, number>> {
    const counts = await this.friendships.countsOf(userIds);
    return new Map(userIds.map((id) => [id, counts.get(id) ?? 0]));
  }

  mutualCount(userA: string, userB: string): Promise<number> {
    return this.friendships.mutualCount(userA, userB);
  }

  async statusBetween(viewerId: string, userIds: string[]): Promise<Map<string, FriendshipStatus>> {
    const others = [...new Set(userIds.filter((id) => id !== viewerId))];
    const rows = await this.friendships.pairRowsWith(viewerId, others);
    const out = new Map<string, FriendshipStatus>(userIds.map((id) => [id, id === viewerId ? 'self' : 'none']));
    for (const row of rows) {
      const other = row.user_low === viewerId ? row.user_high : row.user_low;
      out.set(other, friendshipStatus(viewerId, row));
    }
    return out;
  }
}

/** How a pair's row looks from `viewerId`. */
export function friendshipStatus(
  viewerId: string,
  row: { status: 'pending' | 'accepted'; requester_id: string },
): FriendshipStatus {
  if (row.status === 'accepted') return 'friends';
  return row.requester_id === viewerId ? 'outgoing' : 'incoming';
}
