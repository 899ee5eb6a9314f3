import type { BlockChecker } from '../users/social-graph';
import type { PresenceService } from './presence.service';

/**
 * Presence as a viewer may see it. A block hides each side's presence from the other (the contract),
 * so whoever is in a block with the viewer, either way, reads as offline. Every UserSummary or Profile
 * a response builds for one viewer takes its `online` from here; payloads broadcast to a room channel
 * (one payload for every member: message:new, message:updated, typing) cannot differ per viewer and
 * carry the real flag — see ChatStore.message.
 *
 * Two round trips whatever the counts: one presence lookup, one block query (run side by side).
 */
export async function onlineSeenBy(
  presence: PresenceService,
  blocks: BlockChecker,
  viewerId: string,
  userIds: Iterable<string>,
): Promise<Set<string>> {
  const ids = [...new Set(userIds)];
  const others = ids.filter((id) => id !== viewerId);
  const [online, hidden] = await Promise.all([
    presence.onlineAmong(ids),
    others.length ? blocks.blockedAmong(viewerId, others) : Promise.resolve(new Set<string>()),
  ]);
  for (const id of hidden) online.delete(id);
  return online;
}

/**
 * The same for several viewers at once (one room pushed to each member): each viewer's set of online
 * users among `userIds`. Viewers in no block share one set, so memory stays flat with room size.
 */
export async function onlineSeenByEach(
  presence: PresenceService,
  blocks: BlockChecker,
  viewerIds: string[],
  userIds: Iterable<string>,
): Promise<(viewerId: string) => ReadonlySet<string>> {
  const ids = [...new Set(userIds)];
  const viewers = [...new Set(viewerIds)];
  const [online, hidden] = await Promise.all([
    presence.onlineAmong(ids),
    viewers.length && ids.length ? blocks.blockedAcross(viewers, ids) : Promise.resolve(new Map<string, Set<string>>()),
  ]);
  const perViewer = new Map<string, ReadonlySet<string>>();
  for (const [viewer, peers] of hidden) perViewer.set(viewer, new Set([...online].filter((id) => !peers.has(id))));
  return (viewerId) => perViewer.get(viewerId) ?? online;
}
