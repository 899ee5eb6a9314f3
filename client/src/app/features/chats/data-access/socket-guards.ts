import type { Message, Room } from '@world-it/contracts';

/**
 * The socket event map types payloads at compile time only; these checks keep a malformed event
 * from breaking the view state.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isMessage(value: unknown): value is Message {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['roomId'] === 'string' &&
    typeof value['createdAt'] === 'string' &&
    typeof value['content'] === 'string' &&
    isObject(value['author']) &&
    typeof value['author']['id'] === 'string'
  );
}

export function isRoom(value: unknown): value is Room {
  return (
    isObject(value) &&
    typeof value['id'] === 'string' &&
    typeof value['name'] === 'string' &&
    (value['kind'] === 'direct' || value['kind'] === 'group') &&
    Array.isArray(value['members'])
  );
}

export function hasRoomId(value: unknown): value is { roomId: string } {
  return isObject(value) && typeof value['roomId'] === 'string';
}
