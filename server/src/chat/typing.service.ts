import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TYPING_TTL_MS, type UserSummary } from '@world-it/contracts';
import { ChatEvents } from './chat-events';

/**
 * "X is typing" per (room, user), in the process that received it. The others in the room hear
 * `isTyping: true` when it starts and `isTyping: false` when it stops, when the user sends a message,
 * or when nothing refreshed it for 5 s (a client that vanished mid-sentence does not type forever).
 */
@Injectable()
export class TypingService implements OnApplicationShutdown {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; user: UserSummary }>();

  constructor(private readonly events: ChatEvents) {}

  set(roomId: string, user: UserSummary, isTyping: boolean): void {
    if (isTyping) this.start(roomId, user);
    else this.stop(roomId, user.id);
  }

  start(roomId: string, user: UserSummary): void {
    const key = `${roomId}:${user.id}`;
    const current = this.timers.get(key);
    if (current) clearTimeout(current.timer);
    else this.events.toRoomExceptUser(roomId, user.id, 'typing', { roomId, user, isTyping: true });
    const timer = setTimeout(() => this.stop(roomId, user.id), TYPING_TTL_MS);
    timer.unref();
    this.timers.set(key, { timer, user });
  }

  stop(roomId: string, userId: string): void {
    const key = `${roomId}:${userId}`;
    const current = this.timers.get(key);
    if (!current) return;
    clearTimeout(current.timer);
    this.timers.delete(key);
    this.events.toRoomExceptUser(roomId, userId, 'typing', { roomId, user: current.user, isTyping: false });
  }

  /** The user's last socket here went away: whatever they were typing stops. */
  stopAll(userId: string): void {
    for (const key of [...this.timers.keys()]) {
      if (key.endsWith(`:${userId}`)) this.stop(key.slice(0, key.indexOf(':')), userId);
    }
  }

  onApplicationShutdown(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
