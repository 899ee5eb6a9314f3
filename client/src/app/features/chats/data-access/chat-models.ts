import type { Message } from '@world-it/contracts';

/** Where a message stands from this client's point of view. */
export type DeliveryState = 'sent' | 'pending' | 'failed';

/**
 * A message as the room view holds it: the server's Message plus the local delivery state. A
 * pending message has a temporary id (`local:<clientId>`) until the server acknowledges it.
 */
export interface ChatMessage extends Message {
  state: DeliveryState;
  /** For failed sends: the server's error code, if any. */
  errorCode?: string;
  /** Local preview of an image being sent (object URL), shown until the stored image arrives. */
  localImageUrl?: string;
}

export function localMessageId(clientId: string): string {
  return `local:${clientId}`;
}

export function isLocalId(id: string): boolean {
  return id.startsWith('local:');
}
