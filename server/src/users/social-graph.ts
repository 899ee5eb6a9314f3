import { Injectable } from '@nestjs/common';

/**
 * Whether two users block each other (either direction). The friendships module owns blocking and
 * will provide the real implementation (`{ provide: BlockChecker, useExisting: ... }`); until it
 * exists nobody can block anybody, so the chat asks this and gets "no". While blocked, a direct
 * message answers 403 with code `blocked`.
 */
export abstract class BlockChecker {
  abstract isBlocked(userA: string, userB: string): Promise<boolean>;
}

/** Stand-in until the friendships module exists: blocking is not a feature yet, so nobody is blocked. */
@Injectable()
export class NoBlockingYet extends BlockChecker {
  async isBlocked(): Promise<boolean> {
    return false;
  }
}

/**
 * Whose presence a user's friends should see. The friendships module will provide it; until then a
 * user has no friends and presence goes to room co-members only.
 */
export abstract class FriendDirectory {
  abstract friendIdsOf(userId: string): Promise<string[]>;
}

@Injectable()
export class NoFriendsYet extends FriendDirectory {
  async friendIdsOf(): Promise<string[]> {
    return [];
  }
}
