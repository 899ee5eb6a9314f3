import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ServerEventName, ServerEventPayload, ServerToClientEvents } from '@world-it/contracts';
import type { Namespace } from 'socket.io';
import { roomChannel, sessionChannel, userChannel, watchChannel } from './channels';

/**
 * Every live push any feature makes (chat, friendships, notifications, posts), typed by the
 * contract's server→client event map, so no service touches socket.io. Channels are in
 * `channels.ts`. Works across API processes through the Redis adapter. Fire-and-forget: before the
 * gateway binds the namespace (or in a process without one, like the worker) emits are dropped.
 * One instance per process (RealtimeModule), bound by the socket lifecycle at gateway init.
 */
@Injectable()
export class RealtimeEmitter implements OnModuleDestroy {
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

  /** To every socket of one user. */
  toUser<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayload<E>): void {
    this.toUsers([userId], event, payload);
  }

  /** To every socket of each of these users (one emit; a socket gets it once). */
  toUsers<E extends ServerEventName>(userIds: string[], event: E, payload: ServerEventPayload<E>): void {
    if (!this.ns || userIds.length === 0) return;
    (this.ns.to(userIds.map(userChannel)).emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  /** To every channel listed (deduplicated per socket by socket.io), except sockets in any `except` channel. */
  toChannels<E extends ServerEventName>(
    channels: string[],
    event: E,
    payload: ServerEventPayload<E>,
    except: string[] = [],
  ): void {
    if (!this.ns || channels.length === 0) return;
    const target = except.length ? this.ns.to(channels).except(except) : this.ns.to(channels);
    (target.emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  /** Subscribes every socket of these users to the chat room's channel (new members), on every process. */
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
