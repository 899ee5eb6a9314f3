import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ServerEventName, ServerEventPayload, ServerToClientEvents } from '@world-it/contracts';
import type { Namespace } from 'socket.io';

export const roomChannel = (roomId: string): string => `room:${roomId}`;
export const watchChannel = (roomId: string): string => `watch:${roomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;
export const sessionChannel = (sessionId: string): string => `session:${sessionId}`;

/**
 * Every live delivery the chat makes, so ChatService never touches socket.io. Channels:
 * `room:<id>` (members' sockets), `watch:<id>` (sockets watching a public room), `user:<id>` (all of
 * a user's sockets), `session:<id>` (the sockets signed in with that session). Works across processes through the Redis adapter. Before the gateway binds the
 * namespace (or in a process without one, like the worker) emits are dropped.
 */
@Injectable()
export class ChatEvents implements OnModuleDestroy {
  private ns: Namespace<Record<string, never>, ServerToClientEvents> | null = null;

  bind(ns: Namespace): void {
    this.ns = ns as unknown as Namespace<Record<string, never>, ServerToClientEvents>;
  }

  /** Shutting down: sockets closing now must not publish through an adapter that is going away. */
  onModuleDestroy(): void {
    this.ns = null;
  }

  /** To the room's members, and to its watchers when `watchers` (message events of a public room). */
  toRoom<E extends ServerEventName>(roomId: string, event: E, payload: ServerEventPayload<E>, watchers = false): void {
    if (!this.ns) return;
    const channels = watchers ? [roomChannel(roomId), watchChannel(roomId)] : [roomChannel(roomId)];
    (this.ns.to(channels).emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  /** To the room's members except all sockets of one user (typing). */
  toRoomExceptUser<E extends ServerEventName>(
    roomId: string,
    userId: string,
    event: E,
    payload: ServerEventPayload<E>,
  ): void {
    if (!this.ns) return;
    (this.ns.to(roomChannel(roomId)).except(userChannel(userId)).emit as (e: string, p: unknown) => boolean)(
      event,
      payload,
    );
  }

  toUsers<E extends ServerEventName>(userIds: string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.ns || userIds.length === 0) return;
    (this.ns.to(userIds.map(userChannel)).emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  /** To every channel listed (deduplicated per socket by socket.io). */
  toChannels<E extends ServerEventName>(channels: string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.ns || channels.length === 0) return;
    (this.ns.to(channels).emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  /** Subscribes every socket of these users to the room (new members), on every process. */
  subscribe(userIds: string[], roomId: string): void {
    if (!this.ns || userIds.length === 0) return;
    this.ns.in(userIds.map(userChannel)).socketsJoin(roomChannel(roomId));
  }

  unsubscribe(userIds: string[], roomId: string): void {
    if (!this.ns || userIds.length === 0) return;
    this.ns.in(userIds.map(userChannel)).socketsLeave(roomChannel(roomId));
  }

  /** These sessions ended: their sockets are closed, on every process (clients reconnect and must sign in). */
  disconnectSessions(sessionIds: string[]): void {
    if (!this.ns || sessionIds.length === 0) return;
    this.ns.in(sessionIds.map(sessionChannel)).disconnectSockets(true);
  }

  /** The room is gone (or turned private): nobody stays subscribed to it or watching it. */
  closeChannels(roomId: string, { members }: { members: boolean }): void {
    if (!this.ns) return;
    this.ns.in(watchChannel(roomId)).socketsLeave(watchChannel(roomId));
    if (members) this.ns.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
  }
}
