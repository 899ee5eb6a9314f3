import type { FriendshipStatus } from '@world-it/contracts';

/**
 * Whether two users block each other. One block covers both sides: while either blocks the other,
 * neither can send the other a friend request or a direct message (403, code `blocked`), and each is
 * hidden from the other's search, suggestions, presence and feed. Provided by the FriendshipsModule
 * (global), so chat, profiles, notifications and posts ask the same answer.
 */
export abstract class BlockChecker {
  /** Either direction. */
  abstract isBlocked(userA: string, userB: string): Promise<boolean>;
  /** One direction: whether `blockerId` blocks `blockedId` (a profile offers Unblock). */
  abstract hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
  /** Everyone in a block with this user, whichever side blocked (blocks per user are few). */
  abstract blockedPeersOf(userId: string): Promise<string[]>;
  /** The subset of `userIds` in a block with `userId` (either direction), in one query. */
  abstract blockedAmong(userId: string, userIds: string[]): Promise<Set<string>>;
}

/**
 * Who is whose friend, for presence, feeds, profiles and Me. Provided by the FriendshipsModule
 * (global). Every method answers in one query whatever the number of ids (no N+1 on pages).
 */
export abstract class FriendDirectory {
  abstract friendIdsOf(userId: string): Promise<string[]>;
  /** Friends count of each id (0 for ids without friends; every id is in the map). */
  abstract countsOf(userIds: string[]): Promise<Map<string, number>>;
  /**
   * How each of `userIds` relates to `viewerId`: 'self', 'friends', 'outgoing' (the viewer asked),
   * 'incoming' (they asked the viewer) or 'none'. Every id is in the map.
   */
  abstract statusBetween(viewerId: string, userIds: string[]): Promise<Map<string, FriendshipStatus>>;
  /** How many friends two people share. */
  abstract mutualCount(userA: string, userB: string): Promise<number>;
}
